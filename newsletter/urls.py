from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("", views.SubscribeView.as_view(), name="subscribe"),
    path("thank-you/", views.SubscribeThanksView.as_view(), name="thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
