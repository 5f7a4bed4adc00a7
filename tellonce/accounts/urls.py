from django.urls import path

from tellonce.accounts.views import passwords, signing_in, sso, two_factor
from tellonce.core.access import public, signed_in

app_name = "accounts"
urlpatterns = [
    path("", two_factor.account, name="account"),
    path("sign-in/", public(signing_in.SignInView.as_view()), name="sign-in"),
    path("sign-out/", signing_in.sign_out_confirm, name="sign-out-confirm"),
    path("sign-out/confirm/", public(signing_in.SignOutView.as_view()), name="sign-out"),
    path("signed-out/", signing_in.timed_out, name="timed-out"),
    path("password/reset/", public(passwords.ResetRequestView.as_view()), name="reset"),
    path("password/reset/sent/", public(passwords.ResetSentView.as_view()), name="reset-sent"),
    path("password/reset/<uidb64>/<token>/", public(passwords.ResetView.as_view()), name="reset-password"),
    path("password/reset/done/", public(passwords.ResetDoneView.as_view()), name="reset-done"),
    path("password/change/", signed_in(passwords.ChangePasswordView.as_view()), name="change-password"),
    path("two-factor/", two_factor.enter_code, name="two-factor"),
    path("two-factor/set-up/", two_factor.set_up, name="two-factor-set-up"),
    path("two-factor/recovery-codes/", two_factor.recovery_codes, name="recovery-codes"),
    path("two-factor/turn-off/", two_factor.turn_off, name="two-factor-turn-off"),
    path("sso/", public(sso.SsoStart.as_view()), name="sso"),
    path("sso/callback/", public(sso.SsoCallback.as_view()), name="sso-callback"),
    path("sso/refused/", sso.refused, name="sso-refused"),
]
