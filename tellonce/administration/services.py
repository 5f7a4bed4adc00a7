"""The administrator's changes to their council's accounts and organisations. Each wraps the
accounts, organisations or people service that makes the change, checks that every record it
touches is the administrator's own council's, and keeps the change in the administration log
(audit.AdministrationEvent) in the same transaction (ADR 53)."""

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from tellonce.accounts import services as accounts
from tellonce.accounts.actors import Actor
from tellonce.accounts.models import Invitation, User
from tellonce.accounts.policy import Capability, require_capability
from tellonce.accounts.roles import ActsFor, Role, acts_for
from tellonce.assessments import services as assessments
from tellonce.audit.models import AdministrationAction as Did
from tellonce.audit.models import RecordKind
from tellonce.audit.services import record_administration
from tellonce.core.refusals import InvalidStep
from tellonce.organisations import councils
from tellonce.organisations import services as organisations
from tellonce.organisations.models import HealthProvider, LocalAuthority, Locality, Setting, Team
from tellonce.people import services as people
from tellonce.people.models import Child
from tellonce.plans import services as plans

KINDS: dict[type[models.Model], RecordKind] = {
    User: RecordKind.USER,
    Team: RecordKind.TEAM,
    Locality: RecordKind.LOCALITY,
    HealthProvider: RecordKind.HEALTH_PROVIDER,
    Setting: RecordKind.SETTING,
    LocalAuthority: RecordKind.COUNCIL,
}
LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "email": "email address",
    "local_authority": "council",
    "setting": "school or setting",
    "is_active": "can sign in",
    "ods_code": "ODS code",
    "setting_type": "type",
    "urn": "URN",
    "ukprn": "UKPRN",
    "lowest_year": "lowest year",
    "highest_year": "highest year",
    "has_sixth_form": "sixth form",
    "code": "LA code",
    "designated_medical_officer": "DMO in post",
    "designated_clinical_officer": "DCO in post",
    "designated_social_care_officer": "DSCO in post",
}


def _council(by: Actor, capability: Capability) -> LocalAuthority:
    require_capability(by.user, capability)
    found = councils.council_id(by.user)
    if found is None:
        raise PermissionDenied
    return LocalAuthority.objects.get(pk=found)


def _shown(record: models.Model, name: str, value: object) -> str:
    """A value as the summary says it: a choice's label, a record's name, yes or no, or "none"."""
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    field = record._meta.get_field(name)
    choices = dict(getattr(field, "flatchoices", None) or [])
    return str(choices.get(value, value))


def summary_of(record: models.Model, before: dict[str, object]) -> str:
    """What changed, in a line: "role: SENCO → EHC coordinator; team: none → Speech and language"."""
    return "; ".join(
        f"{LABELS.get(name, name.replace('_', ' '))}: {_shown(record, name, old)} → "
        f"{_shown(record, name, getattr(record, name))}"
        for name, old in before.items()
    )


def _log(
    by: Actor, action: Did, record: models.Model, summary: str = "", *, council_id: int | None = None
) -> None:
    record_administration(
        by,
        action=action,
        kind=KINDS[type(record)],
        record_id=record.pk,
        label=str(record),
        summary=summary,
        council_id=council_id,
    )


# Accounts


def _account_of_council(user: User, by: Actor) -> User:
    _council(by, Capability.MANAGE_ACCOUNTS)
    if not User.manageable_by(by.user).filter(pk=user.pk).exists():
        raise PermissionDenied
    return user


def _of_council(council: LocalAuthority, setting: Setting | None, team: Team | None) -> None:
    problems = {}
    if setting is not None and setting.local_authority_id != council.pk:
        problems["setting"] = "Choose one of the council's schools or settings"
    if team is not None and team.local_authority_id != council.pk:
        problems["team"] = "Choose one of the council's teams"
    if problems:
        raise InvalidStep.about(problems)


def _acts_for_values(
    council: LocalAuthority, role: str, setting: Setting | None, team: Team | None
) -> dict[str, Any]:
    """The organisations an account of this role acts for: a SENCO their school alone; a
    professional their team (and so its council); everyone else the council, with a team if any."""
    needs = acts_for(role) if role in Role.values else ActsFor.COUNCIL
    if needs == ActsFor.ITSELF:
        raise InvalidStep.about(
            {
                "role": "Families and Local Offer providers are given accounts from the child's record or the Local Offer"
            }
        )
    if needs == ActsFor.SETTING:
        return {"local_authority": None, "setting": setting, "team": None}
    return {"local_authority": council, "setting": None, "team": team}


@transaction.atomic
def invite(
    *,
    by: Actor,
    link_for: Callable[[str], str],
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    job_title: str = "",
    setting: Setting | None = None,
    team: Team | None = None,
) -> User:
    """A new account for someone at the council, its school or its team, with no password, and an
    email with a one-time link to choose one. Their email address is their username."""
    council = _council(by, Capability.MANAGE_ACCOUNTS)
    email = email.strip().lower()
    _of_council(council, setting, team)
    if (
        email
        and User.objects.filter(models.Q(username__iexact=email) | models.Q(email__iexact=email)).exists()
    ):
        raise InvalidStep.about({"email": "Someone already has an account with this email address"})
    if not email:
        raise InvalidStep.about({"email": "Enter their email address"})
    user = accounts.create_account(
        username=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        **_acts_for_values(council, role, setting, team),
    )
    accounts.send_invitation(user, by=by, link_for=link_for)
    where = user.setting or user.team or council
    _log(by, Did.INVITED, user, f"invited as {user.get_role_display()} at {where}; link sent to {email}")
    return user


@transaction.atomic
def resend_invitation(user: User, *, by: Actor, link_for: Callable[[str], str]) -> Invitation:
    """A new link for someone who has not yet chosen a password; the old link stops working."""
    _account_of_council(user, by)
    invitation = accounts.send_invitation(user, by=by, link_for=link_for)
    _log(by, Did.INVITATION_RESENT, user, f"new link sent to {user.email}")
    return invitation


@transaction.atomic
def cancel_invitation(user: User, *, by: Actor) -> None:
    _account_of_council(user, by)
    if accounts.cancel_invitation(user, by=by) == 0:
        raise InvalidStep(["There is no invitation waiting to be used"])
    _log(by, Did.INVITATION_CANCELLED, user, "the link no longer works")


@transaction.atomic
def accept_invitation(invitation: Invitation, password: str, *, by: Actor) -> User:
    """The invitee chooses their password; `by` names them (they are not signed in yet)."""
    user = invitation.user
    by = replace(by, user=user)
    accounts.accept_invitation(invitation, password, by=by)
    _log(by, Did.INVITATION_ACCEPTED, user, "chose a password", council_id=councils.council_id(user))
    return user


def _children_of(coordinator: User) -> int:
    return Child.objects.filter(coordinator=coordinator).count()


def _still_has_children(user: User) -> None:
    if user.role == Role.EHC_COORDINATOR and (count := _children_of(user)):
        raise InvalidStep(
            [
                f"{user} still coordinates {count} {'child' if count == 1 else 'children'}. Move them to another coordinator first"
            ]
        )


@transaction.atomic
def change_user(user: User, *, by: Actor, expected_version: int, changes: dict[str, Any]) -> str:
    """Change an account's name, email, job title, role, school or team; returns the summary kept."""
    council = _council(by, Capability.MANAGE_ACCOUNTS)
    _account_of_council(user, by)
    if user.pk == by.user.pk and changes.get("role", user.role) != user.role:
        raise InvalidStep.about({"role": "You cannot change your own role"})
    if changes.get("role", user.role) != user.role:
        _still_has_children(user)
    role = changes.get("role", user.role)
    setting, team = changes.get("setting", user.setting), changes.get("team", user.team)
    _of_council(council, setting, team)
    if "role" in changes or "setting" in changes or "team" in changes:
        changes = changes | _acts_for_values(council, role, setting, team)
    before = accounts.change_account(user, by=by, expected_version=expected_version, changes=changes)
    summary = summary_of(user, before)
    if before:
        _log(by, Did.CHANGED, user, summary)
    return summary


@transaction.atomic
def deactivate(user: User, *, by: Actor, expected_version: int) -> None:
    """The account can no longer sign in. It is never deleted: the audit keeps what it did. A
    coordinator's children must be moved to another coordinator first."""
    _account_of_council(user, by)
    _still_has_children(user)
    accounts.set_active(user, False, by=by, expected_version=expected_version)
    _log(by, Did.DEACTIVATED, user, "can sign in: yes → no")


@transaction.atomic
def reactivate(user: User, *, by: Actor, expected_version: int) -> None:
    _account_of_council(user, by)
    accounts.set_active(user, True, by=by, expected_version=expected_version)
    _log(by, Did.REACTIVATED, user, "can sign in: no → yes")


@transaction.atomic
def unlock(user: User, *, by: Actor) -> int:
    _account_of_council(user, by)
    cleared = accounts.unlock(user, by=by)
    _log(by, Did.UNLOCKED, user, f"{cleared} record(s) of failed sign-ins cleared")
    return cleared


@transaction.atomic
def reset_two_factor(user: User, *, by: Actor) -> None:
    _account_of_council(user, by)
    accounts.reset_two_factor(user, by=by)
    _log(by, Did.TWO_FACTOR_RESET, user, "authenticator app and recovery codes removed")


@transaction.atomic
def move_caseload(coordinator: User, children: Iterable[Child], *, to: User, by: Actor) -> int:
    """Give some or all of a coordinator's children to another coordinator of the council; each
    child's access log says so, and so does the administration log."""
    _account_of_council(coordinator, by)
    _account_of_council(to, by)
    chosen = [child for child in children if child.coordinator_id == coordinator.pk]
    if not chosen:
        raise InvalidStep.about({"children": "Choose at least one child to move"})
    if to.pk == coordinator.pk:
        raise InvalidStep.about({"to": "Choose a different coordinator"})
    moved = people.move_caseload(chosen, to=to, by=by)
    assessments.follow_child_coordinator(child.pk for child in chosen)
    plans.follow_child_coordinator(child.pk for child in chosen)
    _log(
        by, Did.CASELOAD_MOVED, coordinator, f"{moved} {'child' if moved == 1 else 'children'} moved to {to}"
    )
    return moved


# Organisations


def _check_links(council: LocalAuthority, values: dict[str, Any]) -> None:
    problems = {
        name: f"Choose one of the council's {what}"
        for name, what in (("provider", "health providers"), ("locality", "localities"))
        if values.get(name) is not None and values[name].local_authority_id != council.pk
    }
    if problems:
        raise InvalidStep.about(problems)


@transaction.atomic
def add(model: type[organisations.Record], *, by: Actor, values: dict[str, Any]) -> organisations.Record:
    """A new team, locality, health provider or setting of the administrator's council."""
    council = _council(by, Capability.MANAGE_ORGANISATIONS)
    _check_links(council, values)
    record = organisations.add_record(model, council, by=by, values=values)
    given = {
        name: getattr(record, name)
        for name in organisations.EDITABLE[model]
        if getattr(record, name) not in ("", None)
    }
    _log(
        by,
        Did.ADDED,
        record,
        "; ".join(f"{LABELS.get(k, k.replace('_', ' '))}: {_shown(record, k, v)}" for k, v in given.items()),
    )
    return record


@transaction.atomic
def change(record: organisations.Record, *, by: Actor, expected_version: int, values: dict[str, Any]) -> str:
    council = _council(by, Capability.MANAGE_ORGANISATIONS)
    if getattr(record, "local_authority_id", None) != council.pk:
        raise PermissionDenied
    _check_links(council, values)
    before = organisations.change_record(record, by=by, expected_version=expected_version, values=values)
    summary = summary_of(record, before)
    if before:
        _log(by, Did.CHANGED, record, summary)
    return summary


COUNCIL_FIELDS = (
    "name",
    "code",
    "designated_medical_officer",
    "designated_clinical_officer",
    "designated_social_care_officer",
)


@transaction.atomic
def change_council(*, by: Actor, expected_version: int, values: dict[str, str]) -> str:
    """The council's name, LA code and designated officers in post (the SEN2 header)."""
    council = _council(by, Capability.MANAGE_ORGANISATIONS)
    was = {name: getattr(council, name) for name in COUNCIL_FIELDS}
    organisations.change_council_details(
        council, by=by, name=values["name"], code=values["code"], expected_version=expected_version
    )
    organisations.record_designated_officers(
        council,
        by=by,
        medical=values["designated_medical_officer"],
        clinical=values["designated_clinical_officer"],
        social_care=values["designated_social_care_officer"],
        expected_version=expected_version + 1,
    )
    before = {name: old for name, old in was.items() if getattr(council, name) != old}
    summary = summary_of(council, before)
    if before:
        _log(by, Did.CHANGED, council, summary)
    return summary


@transaction.atomic
def load_gias(text: str, *, by: Actor) -> organisations.GiasImport:
    """The council's settings from a GIAS establishment file (all or nothing: ImportFailed lists
    every problem and nothing is written)."""
    council = _council(by, Capability.MANAGE_ORGANISATIONS)
    result = organisations.import_gias(text, by=by, local_authority=council)
    _log(
        by,
        Did.IMPORTED,
        council,
        f"GIAS file: {result.created} added, {result.updated} changed, {result.unchanged} unchanged",
    )
    return result


# The first administrator of a new installation or a new council (`tellonce create-admin`)


@transaction.atomic
def create_first_administrator(
    *,
    council_code: str,
    council_name: str,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    by: Actor,
) -> User:
    """An administrator for the council with this DfE code, making the council first when the
    installation does not have it yet (its name is then needed). Run from the command line by
    whoever runs the installation, as the system account; both changes go in the council's
    administration log. They are asked to set up an authenticator app when they first sign in."""
    code = council_code.strip()
    if not (len(code) == 3 and code.isdigit()):
        raise InvalidStep.about({"council_code": "A council's DfE code is 3 digits, like 886"})
    council = LocalAuthority.objects.filter(code=code).first()
    if council is None:
        if not council_name.strip():
            raise InvalidStep.about(
                {"council_name": f"No council has the code {code}: give its name to add it"}
            )
        council = LocalAuthority.objects.create(code=code, name=council_name.strip())
        _log(by, Did.ADDED, council, f"council {code} added", council_id=council.pk)
    user = accounts.create_account(
        username=username,
        role=Role.ADMINISTRATOR,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title="Administrator",
        local_authority=council,
        password=password,
    )
    _log(by, Did.ADDED, user, "role: Administrator (from the command line)", council_id=council.pk)
    return user
