from django.urls import path

from tellonce.accounts import views
from tellonce.core.access import public

app_name = "accounts"
urlpatterns = [
    path("sign-in/", public(views.SignInView.as_view()), name="sign-in"),
    path("sign-out/", views.sign_out_confirm, name="sign-out-confirm"),
    path("sign-out/confirm/", public(views.SignOutView.as_view()), name="sign-out"),
]
