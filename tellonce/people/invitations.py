"""Family accounts: the coordinator invites a parent or carer, or the young person from 16, by email;
the invitation links an account to the child only once the family proves it, with a code sent to
the address on the child's record (ADR 54).

The link's token and the code are kept only as hashes. A link works once, for 14 days, and can be
cancelled or sent again (which replaces it: one open invitation a person). A code works for 30
minutes; five wrong codes end the invitation, which must then be sent again. Each step is in the
child's access log, and the invitation and the link on their timeline."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.roles import Role
from tellonce.accounts.services import create_account
from tellonce.audit.services import record_change
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.people.models import AccountInvitation, Child, FamilyMember, InvitationStatus
from tellonce.people.services import record_event

__all__ = [
    "Invitee",
    "CodeResult",
    "invitees",
    "invite",
    "cancel",
    "find",
    "problem_with",
    "username_for",
    "address_on_record",
    "accept_with_new_account",
    "accept_as",
    "enter_code",
]

INVITATION_DAYS = 14
CODE_MINUTES = 30
WRONG_CODES_ALLOWED = 5
CODES_ALLOWED = 5
CODE_SALT = "tellonce.people.invitation-code"
ASK_AGAIN = "Ask the SEND team to send you a new invitation."


@dataclass(frozen=True)
class Invitee:
    """Someone the coordinator may invite: a family member with parental responsibility and an email
    address, or the young person from 16 with theirs; with their open invitation, if any."""

    name: str
    relationship: str
    email: str
    member: FamilyMember | None
    linked: bool
    open_invitation: AccountInvitation | None


class CodeResult(StrEnum):
    LINKED = "linked"
    WRONG = "wrong"
    ENDED = "ended"
    EXPIRED = "expired"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _code_hash(invitation: AccountInvitation, code: str) -> str:
    # Keyed with the secret key: six digits alone would be read back from an unkeyed hash at once.
    return salted_hmac(CODE_SALT, f"{invitation.pk}:{code}", algorithm="sha256").hexdigest()


def _address_on_record(child: Child, member: FamilyMember | None) -> str:
    return (member.email if member is not None else child.email).strip()


def address_on_record(invitation: AccountInvitation) -> str:
    """Where the code goes: the invited person's address on the record now."""
    return _address_on_record(invitation.child, invitation.family_member)


def invitees(child: Child) -> list[Invitee]:
    today = uk_today()
    open_ones = {
        invitation.family_member_id: invitation
        for invitation in child.invitations.filter(status=InvitationStatus.OPEN)
    }
    found = [
        Invitee(
            str(member),
            member.get_relationship_display(),
            member.email,
            member,
            member.account_id is not None,
            open_ones.get(member.pk),
        )
        for member in child.family.filter(parental_responsibility=True).exclude(email="")
    ]
    if child.email and child.may_invite_young_person(today):
        young = Invitee(
            child.full_name,
            "The young person",
            child.email,
            None,
            child.account_id is not None,
            open_ones.get(None),
        )
        found.append(young)
    return found


def _check_invitable(child: Child, member: FamilyMember | None) -> None:
    if member is not None:
        if member.child_id != child.pk or not member.parental_responsibility:
            raise InvalidStep(["Only a parent or carer with parental responsibility can be invited"])
        if member.account_id is not None:
            raise InvalidStep([f"{member} already has an account linked to this record"])
    else:
        if not child.may_invite_young_person(uk_today()):
            raise InvalidStep(["A young person can be invited from their 16th birthday"])
        if child.account_id is not None:
            raise InvalidStep([f"{child.full_name} already has their own account"])
    if not _address_on_record(child, member):
        raise InvalidStep(["Add their email address to the record first: the invitation is sent to it"])


def _invitation_email(invitation: AccountInvitation, link: str) -> tuple[str, str]:
    child = invitation.child
    council = child.local_authority
    whose = "your" if invitation.for_young_person else f"{child.given_name}'s"
    subject = f"{council}: you are invited to see {whose} record"
    body = (
        f"{council}'s SEND team has invited you to see {whose} record online, where you can follow "
        "EHC needs assessments, plans and reviews.\n\n"
        f"To accept, open this link:\n\n{link}\n\n"
        f"The link works once, for {INVITATION_DAYS} days. You will make an account, or sign in to the "
        "one you have, and we will then send a code to this email address to check that it is you.\n\n"
        "If you were not expecting this, you can ignore this email, or tell the SEND team."
    )
    return subject, body


def _email(address: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


@transaction.atomic
def invite(
    child: Child, *, member: FamilyMember | None, by: Actor, link_for: Callable[[str], str]
) -> AccountInvitation:
    """Send `member` (or, with None, the young person) an invitation to the address on the record.
    An open invitation to them is replaced. `link_for(token)` is the page's address for the token."""
    if not Child.objects.editable_by(by.user).filter(pk=child.pk).exists():
        raise PermissionDenied
    _check_invitable(child, member)
    earlier = AccountInvitation.objects.select_for_update().filter(
        child=child, family_member=member, status=InvitationStatus.OPEN
    )
    now = timezone.now()
    again = earlier.update(status=InvitationStatus.REPLACED, closed_at=now) > 0
    token = secrets.token_urlsafe(32)
    invitation = AccountInvitation.objects.create(
        child=child,
        family_member=member,
        email=_address_on_record(child, member),
        token_hash=_hash(token),
        sent_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
        invited_by=by.user,
    )
    _email(invitation.email, *_invitation_email(invitation, link_for(token)))
    what = f"{'Sent again the' if again else 'Sent an'} invitation to {invitation.invitee} to see the record"
    record_event(
        child,
        by=by,
        what=what,
        kind="invitation",
        title="Invitation sent",
        detail=what,
        visible_to_family=False,
    )
    return invitation


@transaction.atomic
def cancel(invitation: AccountInvitation, *, by: Actor) -> AccountInvitation:
    if not Child.objects.editable_by(by.user).filter(pk=invitation.child_id).exists():
        raise PermissionDenied
    if invitation.status != InvitationStatus.OPEN:
        raise InvalidStep(["Only an invitation that has not been used can be cancelled"])
    invitation.status, invitation.closed_at = InvitationStatus.CANCELLED, timezone.now()
    invitation.save(update_fields=["status", "closed_at"])
    what = f"Cancelled the invitation to {invitation.invitee}"
    record_event(
        invitation.child,
        by=by,
        what=what,
        kind="invitation",
        title="Invitation cancelled",
        visible_to_family=False,
    )
    return invitation


def find(token: str) -> AccountInvitation | None:
    """The invitation a link's token opens, whatever its state (None for a token never sent)."""
    found = AccountInvitation.objects.filter(token_hash=_hash(token)).select_related("child", "family_member")
    return found.first()


def problem_with(invitation: AccountInvitation) -> str | None:
    """Why the invitation can no longer be accepted, in words for the family; None if it can."""
    match invitation.status:
        case InvitationStatus.ACCEPTED:
            return "This invitation has already been used. Sign in to see the record."
        case InvitationStatus.CANCELLED:
            return f"This invitation has been cancelled. {ASK_AGAIN}"
        case InvitationStatus.REPLACED:
            return "A newer invitation has been sent to you. Use the link in the latest email."
        case InvitationStatus.ENDED:
            return (
                f"This invitation has ended because the code was entered wrongly too many times. {ASK_AGAIN}"
            )
    if timezone.now() >= invitation.expires_at:
        return f"This invitation has expired: it worked for {INVITATION_DAYS} days. {ASK_AGAIN}"
    return None


def _role_for(invitation: AccountInvitation) -> Role:
    return Role.YOUNG_PERSON if invitation.for_young_person else Role.PARENT


def _check_can_accept(invitation: AccountInvitation, user: Any) -> None:
    if problem := problem_with(invitation):
        raise InvalidStep([problem])
    if user.role not in (Role.PARENT, Role.YOUNG_PERSON):
        raise InvalidStep(["A staff account cannot accept an invitation. Sign out, then open the link again"])
    if user.role != _role_for(invitation):
        kind = "a young person's own" if invitation.for_young_person else "a parent's or carer's"
        raise InvalidStep([f"This invitation is for {kind} account. Sign out, then open the link again"])
    if invitation.for_young_person and Child.objects.filter(account=user).exists():
        raise InvalidStep(["Your account is already linked to your own record"])


def username_for(invitation: AccountInvitation) -> str:
    """The invited address, unless an account already has it as its username; then the address
    with a number before the @."""
    users = get_user_model().objects
    address = invitation.email.lower()
    name, _, domain = address.partition("@")
    candidate, n = address, 1
    while users.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{name}{n}@{domain}"
    return candidate


def _names(invitation: AccountInvitation) -> tuple[str, str]:
    person = invitation.family_member or invitation.child
    return person.given_name, person.family_name


@transaction.atomic
def accept_with_new_account(invitation: AccountInvitation, *, password: str, via: str) -> Any:
    """Make the invited person's account (its username from username_for, its password checked by
    the password rules) and send the code that proves the link. Returns the account."""
    if problem := problem_with(invitation):
        raise InvalidStep([problem])
    given, family = _names(invitation)
    user = create_account(
        username=username_for(invitation),
        role=_role_for(invitation),
        first_name=given,
        last_name=family,
        email=invitation.email,
        password=password,
    )
    by = Actor(user=user, channel=Channel.WEB, via=via)
    record_change(
        by, invitation.child, f"Made an account, {user.username}, from the invitation to {invitation.invitee}"
    )
    accept_as(invitation, by=by)
    return user


@transaction.atomic
def accept_as(invitation: AccountInvitation, *, by: Actor) -> None:
    """The signed-in family account `by` asks to be linked: a code goes to the address on the
    record (not one the visitor gives), and only that code makes the link."""
    invitation = (
        AccountInvitation.objects.select_for_update(of=("self",))
        .select_related("child", "family_member")
        .get(pk=invitation.pk)
    )
    _check_can_accept(invitation, by.user)
    if invitation.codes_sent >= CODES_ALLOWED:
        raise InvalidStep([f"We have sent as many codes as we can for this invitation. {ASK_AGAIN}"])
    address = address_on_record(invitation)
    if not address:
        raise InvalidStep([f"There is no email address on the record to send a code to. {ASK_AGAIN}"])
    code = f"{secrets.randbelow(10**6):06d}"
    invitation.account = by.user
    invitation.code_hash = _code_hash(invitation, code)
    invitation.code_expires_at = timezone.now() + timedelta(minutes=CODE_MINUTES)
    invitation.codes_sent += 1
    invitation.save(update_fields=["account", "code_hash", "code_expires_at", "codes_sent"])
    _email(
        address,
        "Your code to see the record",
        f"Your code is {code}\n\nEnter it on the page you came from. It works for {CODE_MINUTES} minutes.\n\n"
        "If you did not ask for it, someone may have your invitation: do not share the code, and tell "
        "the SEND team.",
    )
    record_change(by, invitation.child, f"Sent a code to the address on the record, for {invitation.invitee}")


@transaction.atomic
def enter_code(invitation: AccountInvitation, code: str, *, by: Actor) -> CodeResult:
    """Link the account to the child if `code` is the one sent; a wrong code counts against the
    invitation, and the fifth ends it. Nothing is linked but by the right code, in time."""
    invitation = (
        AccountInvitation.objects.select_for_update(of=("self",))
        .select_related("child", "family_member")
        .get(pk=invitation.pk)
    )
    _check_can_accept(invitation, by.user)
    if invitation.account_id != by.user.pk or not invitation.code_hash:
        raise InvalidStep(["Ask for a code first"])
    if timezone.now() >= invitation.code_expires_at:
        return CodeResult.EXPIRED
    if constant_time_compare(invitation.code_hash, _code_hash(invitation, "".join(code.split()))):
        _link(invitation, by)
        return CodeResult.LINKED
    invitation.wrong_codes += 1
    ended = invitation.wrong_codes >= WRONG_CODES_ALLOWED
    if ended:
        invitation.status, invitation.closed_at = InvitationStatus.ENDED, timezone.now()
        record_change(
            by, invitation.child, f"Ended the invitation to {invitation.invitee}: too many wrong codes"
        )
    invitation.save(update_fields=["wrong_codes", "status", "closed_at"])
    return CodeResult.ENDED if ended else CodeResult.WRONG


def _link(invitation: AccountInvitation, by: Actor) -> None:
    child, member = invitation.child, invitation.family_member
    if member is not None:
        member.account = by.user
        member.save(update_fields=["account"])
    else:
        child.account = by.user
        child.save(update_fields=["account"])
    invitation.status, invitation.closed_at = InvitationStatus.ACCEPTED, timezone.now()
    invitation.code_hash = ""
    invitation.save(update_fields=["status", "closed_at", "code_hash"])
    what = f"Linked the account {by.user.username} to the record, for {invitation.invitee}"
    record_event(child, by=by, what=what, kind="invitation", title=f"{invitation.invitee} can now sign in")
