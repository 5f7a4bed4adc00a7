"""Mediations, appeals and orders as page-ready values: each deadline with its regulation, in words
whose tense matches the date ("you have until" before it, "you had until" after)."""

from dataclasses import dataclass
from datetime import date

from tellonce.appeals.models import Appeal, Mediation, TribunalOrder
from tellonce.core.formatting import govuk_date
from tellonce.domain import appeals as rules
from tellonce.domain.calendar import WorkingDays


def until(due: date, today: date, *, who: str = "You") -> str:
    """ "You have until 1 March 2027" on or before the day, "You had until ..." after it."""
    verb = "has" if who not in ("You", "you", "We", "we", "They", "they") else "have"
    return f"{who} {verb if today <= due else 'had'} until {govuk_date(due)}"


@dataclass(frozen=True)
class DeadlineRow:
    title: str
    due: date
    regulation: str
    said: str
    done: date | None = None

    @property
    def status(self) -> str:
        if self.done:
            return f"Done on {govuk_date(self.done)}"
        return self.said


def mediation_deadlines(
    mediation: Mediation, *, today: date, calendar: WorkingDays, appealed_on: date | None = None
) -> list[DeadlineRow]:
    """The family's deadlines: contact the adviser, mediation held, appeal (done when an appeal with
    this mediation's certificate was registered on `appealed_on`)."""
    done = {
        "Contact the mediation adviser": mediation.contacted_on,
        "Mediation held": mediation.held_on,
        "Register an appeal": appealed_on,
    }
    return [
        DeadlineRow(d.title, d.due, d.regulation, until(d.due, today), done.get(d.title))
        for d in rules.mediation_deadlines(mediation.facts(), calendar)
    ]


def order_deadlines(order: TribunalOrder, *, today: date) -> list[DeadlineRow]:
    """Each step the order asks of the council, by when, and whether it was done."""
    return [
        DeadlineRow(
            d.title,
            d.due,
            d.regulation,
            until(d.due, today, who="The council"),
            order.complied_on if d.due == order.due_on else None,
        )
        for d in order.deadlines()
    ]


def appeal_summary(appeal: Appeal) -> str:
    if appeal.decided_on:
        return f"{appeal.get_outcome_display()} on {govuk_date(appeal.decided_on)}"
    if appeal.hearing_on:
        return f"Hearing on {govuk_date(appeal.hearing_on)}"
    return f"Registered on {govuk_date(appeal.registered_on)}"


def next_deadline_text(appeal: Appeal, orders: list[TribunalOrder], today: date) -> tuple[str, date | None]:
    found = appeal.next_deadline(orders, today)
    if found is None:
        return "Nothing outstanding", None
    what, due = found
    return f"{what}: {'due' if today <= due else 'was due'} {govuk_date(due)}", due
