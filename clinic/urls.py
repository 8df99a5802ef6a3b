from django.urls import path

from publishing.caching import public_page

from . import views

# Included last by the project's URLs: a page the clinic writes may take any address no other
# part of the site uses.
urlpatterns = [
    path("privacy/", public_page(views.PrivacyView.as_view()), name="privacy"),
    path("brand/<str:colour>.css", views.brand_stylesheet, name="brand_stylesheet"),
    path("share/<str:token>.png", views.share_image, name="share_image"),
    path("<slug:slug>/", public_page(views.PageView.as_view()), name="page"),
]
