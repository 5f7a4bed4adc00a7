"""Family accounts: the coordinator's page of invitations on a child's record, and the pages the
emailed link opens, where the family makes an account (or uses theirs) and proves the link with
the code sent to the address on the record (people/invitations.py, ADR 54)."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts import sign_ins, two_factor
from tellonce.accounts.actors import Actor
from tellonce.accounts.addresses import client_address
from tellonce.accounts.policy import Capability, requires
from tellonce.core.access import public
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import show_problems
from tellonce.people import invitations
from tellonce.people.forms import InvitationCodeForm, InviteForm, NewAccountForm, invitee_key
from tellonce.people.views.record import _editable_child, child_url

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@requires(Capability.EDIT_CHILD)
def family_accounts(request, pk):
    child = _editable_child(request, pk)
    people = invitations.invitees(child)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = {invitee_key(person.member): person for person in people}.get(form.cleaned_data["who"])
        if chosen is None:
            form.add_error(None, "Choose someone with an email address on the record")
        else:
            try:
                invitations.invite(child, member=chosen.member, by=Actor.of(request), link_for=_link(request))
            except InvalidStep as refused:
                show_problems(form, refused)
            else:
                messages.success(request, f"An invitation has been sent to {chosen.name} at {chosen.email}")
                return redirect("people:family-accounts", pk=child.pk)
    return render(
        request,
        "people/family_accounts.jinja",
        {
            "title": "Family accounts",
            "child": child,
            "people": people,
            "form": form,
            "key": invitee_key,
            "parent_sees": child.parent_sees_record(uk_today()),
            "back_link": child_url(child),
        },
    )


def _link(request):
    return lambda token: request.build_absolute_uri(reverse("people:invitation", kwargs={"token": token}))


@requires(Capability.EDIT_CHILD)
@require_POST
def cancel_invitation(request, pk, invitation_pk):
    child = _editable_child(request, pk)
    invitation = get_object_or_404(child.invitations.all(), pk=invitation_pk)
    try:
        invitations.cancel(invitation, by=Actor.of(request))
    except InvalidStep as refused:
        messages.error(request, refused.problems[0])
    else:
        messages.success(request, f"The invitation to {invitation.invitee} has been cancelled")
    return redirect("people:family-accounts", pk=child.pk)


def _open(request, token):
    """The invitation and, if it can no longer be accepted, the page that says why."""
    invitation = invitations.find(token)
    if invitation is None:
        return None, render(
            request, "people/invitation_closed.jinja", {"title": "This link does not work"}, status=404
        )
    if problem := invitations.problem_with(invitation):
        context = {"title": "You cannot use this invitation", "problem": problem}
        return None, render(request, "people/invitation_closed.jinja", context, status=410)
    return invitation, None


def _refused(request, refused: InvalidStep):
    context = {"title": "You cannot use this invitation", "problem": refused.problems[0], "sign_out": True}
    return render(request, "people/invitation_closed.jinja", context, status=403)


@public
def invitation(request, token):
    """Signed out: make an account. Signed in with a family account: continue with it. Either way a
    code then goes to the address on the record."""
    invitation, closed = _open(request, token)
    if closed:
        return closed
    code_page = reverse("people:invitation-code", kwargs={"token": token})
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitations.accept_as(invitation, by=Actor.of(request))
            except InvalidStep as refused:
                return _refused(request, refused)
            return redirect(code_page)
        context = {
            "title": "Accept the invitation",
            "invitation": invitation,
            "is_staff": not _is_family(request),
        }
        return render(request, "people/invitation_continue.jinja", context)
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        via = f"POST {request.path} (people:invitation)"
        try:
            user = invitations.accept_with_new_account(
                invitation, password=form.cleaned_data["password"], via=via
            )
        except InvalidStep as refused:
            show_problems(form, refused)
        else:
            _sign_in(request, user)
            return redirect(code_page)
    return render(
        request,
        "people/invitation_account.jinja",
        {
            "title": "Make your account",
            "invitation": invitation,
            "username": invitations.username_for(invitation),
            "form": form,
            "sign_in": f"{reverse('accounts:sign-in')}?next={request.path}",
        },
    )


def _is_family(request) -> bool:
    return not two_factor.must_use_two_factor(request.user)


def _sign_in(request, user) -> None:
    """The account just made, with the password just chosen, is signed in as a password sign-in is."""
    login(request, user, backend=MODEL_BACKEND)
    two_factor.signed_in_by_password(request)
    what = sign_ins.SignInWhat.SIGNED_IN
    sign_ins.record(sign_ins.SignIn(what, user.username, user, client_address(request), "new account"))


@public
def invitation_code(request, token):
    invitation, closed = _open(request, token)
    if closed:
        return closed
    if not request.user.is_authenticated or invitation.account_id != request.user.pk:
        return redirect("people:invitation", token=token)
    form = InvitationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = invitations.enter_code(invitation, form.cleaned_data["code"], by=Actor.of(request))
        except InvalidStep as refused:
            return _refused(request, refused)
        match result:
            case invitations.CodeResult.LINKED:
                messages.success(
                    request, f"Your account is now linked to {invitation.child.given_name}'s record"
                )
                return redirect("people:my-children")
            case invitations.CodeResult.ENDED:
                return _open(request, token)[1]
            case invitations.CodeResult.EXPIRED:
                form.add_error("code", "The code has expired. Send a new code")
            case _:
                invitation.refresh_from_db()
                left = invitations.WRONG_CODES_ALLOWED - invitation.wrong_codes
                form.add_error(
                    "code", f"The code is not right. You can try {left} more time{'s' if left != 1 else ''}"
                )
    return render(
        request,
        "people/invitation_code.jinja",
        {
            "title": "Check your email",
            "form": form,
            "address": _masked(invitations.address_on_record(invitation)),
            "minutes": invitations.CODE_MINUTES,
            "token": token,
        },
    )


def _masked(address: str) -> str:
    name, _, domain = address.partition("@")
    return f"{name[:2]}{'•' * max(len(name) - 2, 1)}@{domain}"
