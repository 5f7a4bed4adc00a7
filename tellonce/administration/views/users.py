"""Users: find the council's accounts, invite someone, change an account, deactivate and
reactivate it, unlock it, reset its second factor and move a coordinator's children."""

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from tellonce.accounts import lockout
from tellonce.accounts.actors import Actor
from tellonce.accounts.models import Invitation, User
from tellonce.accounts.policy import Capability, requires
from tellonce.accounts.roles import Role
from tellonce.accounts.two_factor import must_use_two_factor
from tellonce.administration import forms, services
from tellonce.administration.views.common import council_of, paged, table_page
from tellonce.audit.services import record_listed
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.views import edit_conflict, form_page, show_problems
from tellonce.people.models import Child

ACCOUNTS = Capability.MANAGE_ACCOUNTS


def _user(request: Any, pk: int) -> User:
    return get_object_or_404(
        User.manageable_by(request.user).select_related("setting", "team", "local_authority"), pk=pk
    )


def _link_for(request: Any):
    return lambda token: request.build_absolute_uri(reverse("administration:accept", args=[token]))


def status_of(user: User) -> str:
    if not user.is_active:
        return "Deactivated"
    if not user.has_usable_password():
        return "Invited, no password yet"
    if lockout.is_locked(user.username):
        return "Locked after too many wrong passwords"
    return "Can sign in"


def _found(request: Any, form: forms.FindUsersForm) -> Any:
    found = User.manageable_by(request.user).select_related("setting", "team")
    if not form.is_valid():
        return found
    for word in form.cleaned_data["q"].split():
        found = found.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    if role := form.cleaned_data["role"]:
        found = found.filter(role=role)
    status = form.cleaned_data["status"]
    if status == "deactivated":
        found = found.filter(is_active=False)
    elif status == "invited":
        found = found.filter(is_active=True, password__startswith="!")
    elif status == "active":
        found = found.filter(is_active=True).exclude(password__startswith="!")
    return found


def _signed_in(user: User) -> str:
    return f"{user.last_login:%-d %B %Y at %H:%M}" if user.last_login else "Never"


@requires(ACCOUNTS)
def users(request: Any) -> Any:
    form = forms.FindUsersForm(request.GET or None)
    page = paged(request, _found(request, form))
    rows = [
        [
            (str(user), reverse("administration:user", args=[user.pk])),
            user.username,
            user.get_role_display(),
            status_of(user),
            _signed_in(user),
        ]
        for user in page
    ]
    return table_page(
        request,
        title="Users",
        intro="Everyone who works for the council, its schools and settings and its teams, and the families who sign in.",
        actions=[("Invite a user", reverse("administration:invite"))],
        filter_form=form,
        head=["Name", "Username", "Role", "Status", "Last signed in"],
        rows=rows,
        caption=f"{page.paginator.count:,} users",
        empty="No users match.",
        locked_addresses=lockout.locked_addresses(),
        back_link=reverse("administration:home"),
    )


def _account_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        name: data[name]
        for name in ("first_name", "last_name", "email", "job_title", "role", "setting", "team")
    }


@requires(ACCOUNTS)
def invite(request: Any) -> Any:
    form = forms.AccountForm(request.POST or None, council_id=council_of(request), editing=False)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite(
                by=Actor.of(request), link_for=_link_for(request), **_account_values(form.cleaned_data)
            )
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"Invitation sent to {user.email}")
            return redirect("administration:user", pk=user.pk)
    return form_page(
        request,
        form,
        title="Invite a user",
        button="Send the invitation",
        back=reverse("administration:users"),
        intro="They will get an email with a link to choose a password. Their email address is their username.",
    )


@requires(ACCOUNTS)
def user(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    caseload = Child.objects.within_scope(request.user, ACCOUNTS).filter(coordinator=account).count()
    invitation = Invitation.objects.filter(user=account).first()
    return render(
        request,
        "administration/user.jinja",
        {
            "title": str(account),
            "account": account,
            "status": status_of(account),
            "signed_in": _signed_in(account),
            "locked": lockout.is_locked(account.username),
            "has_two_factor": user_has_device(account),
            "required": must_use_two_factor(account),
            "invitation": invitation,
            "invited": account.is_active and not account.has_usable_password(),
            "is_coordinator": account.role == Role.EHC_COORDINATOR,
            "caseload": caseload,
            "back_link": reverse("administration:users"),
        },
    )


@requires(ACCOUNTS)
def change(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    back = reverse("administration:user", args=[pk])
    initial = {
        name: getattr(account, name)
        for name in ("first_name", "last_name", "email", "job_title", "role", "setting", "team")
    }
    form = forms.AccountForm(
        request.POST or None, initial=initial | {"version": account.version}, council_id=council_of(request)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_user(
                account,
                by=Actor.of(request),
                expected_version=data["version"] or 0,
                changes=_account_values(data),
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"{account}'s details have been saved")
            return redirect(back)
    return form_page(
        request, form, title=f"Change {account}'s details", button="Save", back=back, caption="Users"
    )


def _set_active(request: Any, pk: int, *, active: bool) -> Any:
    account = _user(request, pk)
    back = reverse("administration:user", args=[pk])
    form = forms.ConfirmForm(request.POST or None, initial={"version": account.version})
    if request.method == "POST" and form.is_valid():
        act = services.reactivate if active else services.deactivate
        try:
            act(account, by=Actor.of(request), expected_version=form.cleaned_data["version"] or 0)
        except EditConflict:
            return edit_conflict(request, back=back)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"{account} can {'now' if active else 'no longer'} sign in")
            return redirect(back)
    if active:
        title, intro = f"Reactivate {account}", "They will be able to sign in again with their password."
    else:
        title = f"Deactivate {account}"
        intro = "They will no longer be able to sign in. Their account is kept, with everything it did."
    return form_page(
        request, form, title=title, button=title.split()[0], back=back, intro=intro, caption="Users"
    )


@requires(ACCOUNTS)
def deactivate(request: Any, pk: int) -> Any:
    return _set_active(request, pk, active=False)


@requires(ACCOUNTS)
def reactivate(request: Any, pk: int) -> Any:
    return _set_active(request, pk, active=True)


def _done(request: Any, account: User, act, said: str) -> Any:
    try:
        act()
    except InvalidStep as invalid:
        messages.error(request, " ".join(invalid.problems))
    else:
        messages.success(request, said)
    return redirect("administration:user", pk=account.pk)


@requires(ACCOUNTS)
@require_POST
def resend(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    act = lambda: services.resend_invitation(account, by=Actor.of(request), link_for=_link_for(request))  # noqa: E731
    return _done(
        request,
        account,
        act,
        f"A new invitation has been sent to {account.email}. The old link no longer works",
    )


@requires(ACCOUNTS)
@require_POST
def cancel(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    return _done(
        request,
        account,
        lambda: services.cancel_invitation(account, by=Actor.of(request)),
        "The invitation has been cancelled",
    )


@requires(ACCOUNTS)
@require_POST
def unlock(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    return _done(
        request,
        account,
        lambda: services.unlock(account, by=Actor.of(request)),
        f"{account} can sign in again",
    )


@requires(ACCOUNTS)
@require_POST
def reset_two_factor(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    if must_use_two_factor(account):
        told = "They will be asked to set up an authenticator app when they next sign in"
    else:
        told = "They will sign in with their password only until they set up an authenticator app again"
    said = f"Two-factor sign-in for {account} has been reset. {told}"
    return _done(request, account, lambda: services.reset_two_factor(account, by=Actor.of(request)), said)


@requires(ACCOUNTS)
def caseload(request: Any, pk: int) -> Any:
    account = _user(request, pk)
    back = reverse("administration:user", args=[pk])
    children = list(
        Child.objects.within_scope(request.user, ACCOUNTS)
        .filter(coordinator=account)
        .order_by("family_name", "given_name")
    )
    coordinators = User.coordinators_in(council_of(request)).filter(is_active=True).exclude(pk=account.pk)
    form = forms.CaseloadForm(request.POST or None, children=children, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = (
            children if data["every"] else [child for child in children if str(child.pk) in data["children"]]
        )
        try:
            moved = services.move_caseload(account, chosen, to=data["to"], by=Actor.of(request))
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(
                request, f"{moved} {'child' if moved == 1 else 'children'} moved to {data['to']}"
            )
            return redirect(back)
    elif request.method == "GET":
        record_listed(Actor.of(request), children, what="Listed on a coordinator's caseload, to move")
    intro = f"{account} coordinates {len(children)} {'child' if len(children) == 1 else 'children'}."
    return form_page(
        request,
        form,
        title=f"Move {account}'s children",
        button="Move",
        back=back,
        caption="Users",
        intro=intro,
    )
