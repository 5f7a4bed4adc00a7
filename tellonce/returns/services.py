"""Checking a council's SEN2 return and keeping the check (ADR 101): the return is built and
checked outside any transaction (it reads every child of the council), then the check replaces
the last one for that council and year in one short transaction, with the council's row locked so
that two checks kept at once follow one another rather than collide."""

from datetime import datetime

from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone

from tellonce.accounts.models import User
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.returns import sen2
from tellonce.returns.models import SCHEMA_ERRORS_KEPT, ReturnCheck, ReturnFinding

BATCH = 1000


def check_return(
    council: LocalAuthority,
    year: int,
    *,
    by: User | None,
    within: QuerySet[Child] | None = None,
    now: datetime | None = None,
) -> ReturnCheck:
    """Build and check the council's return for the collection `year` and keep the check, made by
    the user `by`; `within` limits the children as `sen2.prepare` does."""
    now = now or timezone.now()
    checked = sen2.check(sen2.prepare(council, year, now=now, within=within))
    return keep_check(council, year, checked, by=by, at=now)


def keep_check(
    council: LocalAuthority, year: int, checked: sen2.Checked, *, by: User | None, at: datetime
) -> ReturnCheck:
    """Replace the council's kept check for `year` with `checked`."""
    with transaction.atomic():
        LocalAuthority.objects.select_for_update().filter(pk=council.pk).first()
        ReturnCheck.objects.filter(local_authority=council, year=year).delete()
        kept = ReturnCheck.objects.create(
            local_authority=council,
            year=year,
            checked_at=at,
            checked_by=by,
            counts={name: checked.counts[name] for name, _ in sen2.MODULES},
            failures=len(checked.failures),
            schema_errors=[str(error) for error in checked.schema_errors[:SCHEMA_ERRORS_KEPT]],
            schema_error_count=len(checked.schema_errors),
        )
        findings = (
            ReturnFinding(
                return_check=kept,
                local_authority=council,
                position=position,
                rule_id=failure.rule.id,
                message=failure.message,
                person=failure.person,
                source=failure.source,
                child_id=checked.child_of.get(failure.person) if failure.person else None,
            )
            for position, failure in enumerate(checked.failures, start=1)
        )
        ReturnFinding.objects.bulk_create(findings, batch_size=BATCH)
    return kept


def forget_child(sender: object, *, child: Child, **kwargs: object) -> None:
    """A child's record was anonymised (people.signals.child_anonymised): their findings go, since
    a finding's message may quote what the record said (a UPN, a ULN), and each check counts that
    many fewer. The counts by module stay, as the return would still count the child."""
    theirs = ReturnFinding.objects.filter(child=child)
    for check_id, gone in theirs.order_by().values_list("return_check").annotate(gone=Count("pk")):
        ReturnCheck.objects.filter(pk=check_id).update(failures=F("failures") - gone)
    theirs.delete()
