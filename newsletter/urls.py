from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

# Every page here is about one visitor (their details, their call, their address): no browser
# or shared cache may keep it.
app_name = "newsletter"
urlpatterns = [
    path("", never_cache(views.SubscribeView.as_view()), name="subscribe"),
    path("thank-you/", never_cache(views.SubscribeThanksView.as_view()), name="thanks"),
    path("confirm/<str:token>/", never_cache(views.ConfirmView.as_view()), name="confirm"),
    path("unsubscribe/<str:token>/", never_cache(views.UnsubscribeView.as_view()), name="unsubscribe"),
]
