from django.contrib.auth import views as auth_views
from django.shortcuts import render

from tellonce.accounts.forms import SignInForm
from tellonce.core.access import public


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    pass


@public
def sign_out_confirm(request):
    return render(request, "accounts/sign_out.jinja", {"title": "Sign out"})
