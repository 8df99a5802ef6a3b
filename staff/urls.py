from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("phone-preview/", views.phone_preview, name="phone_preview"),
    path("plain-language/", views.plain_language, name="plain_language"),
    # The link `create_staff_login` prints, for a new login to choose its own password.
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("set-password/done/", views.PasswordSetView.as_view(), name="password_set"),
]
