"""The council's retention schedule: how long each kind of record is kept, from which event, and
what stops it being disposed of.

Sources: UK GDPR art. 5(1)(e) (storage limitation); the Information and Records Management
Society's Retention Guidelines for Local Authorities (SEN records: the child's date of birth plus
31 years, which covers an EHC plan that can last to 25 and six years after it ends, the Limitation
Act 1980's period for a claim); the NHS Records Management Code of Practice 2023 for the access
log kept as evidence. The periods for Local Offer referrals and feedback are the council's own
choice; these defaults are what a council would set if it had none.

A record's disposal is due on the anniversary of its event the schedule names; someone born on
29 February reaches it on 1 March in other years (as `school_years.age_on`). Callers pass today's
date and the council's overrides, so everything here is pure.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum


class RecordKind(StrEnum):
    EHC_RECORD = "ehc_record"
    ONLINE_REFERRAL = "online_referral"
    UNSENT_REQUEST = "unsent_request"
    FEEDBACK = "feedback"
    ACCESS_LOG = "access_log"


class Blocker(StrEnum):
    """Why a record that is due is still kept."""

    LEGAL_HOLD = "legal_hold"
    APPEAL = "appeal"


BLOCKER_LABELS = {
    Blocker.LEGAL_HOLD: "a legal hold is recorded on the child",
    Blocker.APPEAL: "an appeal to the Tribunal is in progress",
}


@dataclass(frozen=True, slots=True)
class Rule:
    kind: RecordKind
    label: str
    years: int
    after: str  # the event the period runs from, in words
    basis: str  # why, so that the council can check it
    disposal: str  # what disposal does to these records

    def due_on(self, event: date) -> date:
        """The day a record whose event fell on `event` becomes due for disposal."""
        return anniversary(event, self.years)

    def is_due(self, event: date, today: date) -> bool:
        return self.due_on(event) <= today

    def latest_due_event(self, today: date) -> date:
        """The latest event date whose record is due by `today`: every record with an event on or
        before it is due, and none after (so one date filters a whole table)."""
        return latest_anniversary_before(today, self.years)

    def describe(self) -> str:
        return f"{self.label}: {years_in_words(self.years)} after {self.after}"


def anniversary(event: date, years: int) -> date:
    """`years` after `event`; 29 February's anniversary in other years is 1 March."""
    try:
        return event.replace(year=event.year + years)
    except ValueError:
        return date(event.year + years, 3, 1)


def latest_anniversary_before(today: date, years: int) -> date:
    """The latest event whose `years`-th anniversary falls on or before `today`."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # today is 29 February and that year had none
        return date(today.year - years, 2, 28)


def years_in_words(years: int) -> str:
    return "1 year" if years == 1 else f"{years} years"


DEFAULT_SCHEDULE: Mapping[RecordKind, Rule] = {
    RecordKind.EHC_RECORD: Rule(
        RecordKind.EHC_RECORD,
        "The child's record: EHC needs assessments, advice, plans and reviews",
        31,
        "the child's date of birth",
        "A plan can last until 25 (Children and Families Act 2014 s46); the record is kept 6 years "
        "after that (Limitation Act 1980), as the IRMS guidelines for SEN records advise",
        "the name, family, contact details, identifiers, words and documents are deleted; the dates, "
        "needs and decisions the SEN2 return and the timeliness measures count are kept with the "
        "date of birth reduced to its year",
    ),
    RecordKind.ONLINE_REFERRAL: Rule(
        RecordKind.ONLINE_REFERRAL,
        "Local Offer online referrals",
        2,
        "the referral was sent",
        "The referral was passed to the service, which keeps its own record",
        "deleted, with the log of who read each",
    ),
    RecordKind.UNSENT_REQUEST: Rule(
        RecordKind.UNSENT_REQUEST,
        "Online requests for an assessment that were started and never sent",
        1,
        "the draft was last saved",
        "A draft never sent is not a request (Children and Families Act 2014 s36); a year lets the "
        "family or school come back to it",
        "deleted, with the evidence uploaded to it",
    ),
    RecordKind.FEEDBACK: Rule(
        RecordKind.FEEDBACK,
        "Survey answers and the feedback log",
        3,
        "the answer was given or the feedback raised",
        'Long enough for three years of "You said, we did" and the trend in families\' views',
        "the link to the child and the family, and the words they wrote, are removed; the scores and "
        "the profile that counts whose voice is missing are kept",
    ),
    RecordKind.ACCESS_LOG: Rule(
        RecordKind.ACCESS_LOG,
        "The access log of children's records",
        7,
        "the record was read or changed",
        "Evidence of who saw a child's record, kept as the NHS Records Management Code keeps audit trails",
        "deleted",
    ),
}


class UnknownRecordKind(ValueError):
    """A setting names a kind of record the schedule does not have, or a period that is not a
    whole number of years from 1 to 100."""


def schedule(*overrides: Mapping[str, int]) -> dict[RecordKind, Rule]:
    """The default schedule with each mapping of kind to years applied in turn (the installation's
    settings, then the council's)."""
    rules = dict(DEFAULT_SCHEDULE)
    for override in overrides:
        for name, years in override.items():
            try:
                kind = RecordKind(name)
            except ValueError:
                known = ", ".join(kind.value for kind in RecordKind)
                raise UnknownRecordKind(
                    f"No record kind {name!r} in the retention schedule ({known})"
                ) from None
            if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 100:
                raise UnknownRecordKind(f"{name}: keep for a whole number of years from 1 to 100")
            rules[kind] = replace(rules[kind], years=years)
    return rules


def blockers(*, legal_hold: bool, appeal_in_progress: bool) -> tuple[Blocker, ...]:
    """What keeps a due record: nothing is disposed of under a legal hold or during an appeal."""
    found = []
    if legal_hold:
        found.append(Blocker.LEGAL_HOLD)
    if appeal_in_progress:
        found.append(Blocker.APPEAL)
    return tuple(found)


def year_of_birth_only(date_of_birth: date) -> date:
    """The date of birth an anonymised record keeps: 1 January of the year (its year is enough for
    the statistics, and no longer picks out one child)."""
    return date(date_of_birth.year, 1, 1)
