"""The early-years team's work from notifications from health: each open notification, due by the
council's standard (acknowledge within 5 working days, contact the family within 20, ADR 74), then
the outcome to record. Two queries however many. `first_for` counts them in SQL and works out the
deadlines and likely matches of the rows shown only."""

from dataclasses import replace
from datetime import date, timedelta

from django.db.models import Count, Q, Value
from django.db.models.functions import Concat, Trim
from django.urls import reverse

from tellonce.accounts.policy import Capability, allows
from tellonce.core.time import working_days
from tellonce.core.work import Tally, WorkItem, WorkList
from tellonce.domain import early_years as rules
from tellonce.domain.calendar import WorkingDays
from tellonce.early_years.matching import alike_children
from tellonce.early_years.models import Notification

KIND = "Notifications from health"
COLUMNS = (
    "id",
    "ref",
    "given_name",
    "family_name",
    "child_id",
    "notified_on",
    "acknowledged_on",
    "first_contact_on",
    "officer_id",
    "local_authority_id",
    "date_of_birth",
    "nhs_number",
)
# Each step still to take, and how many working days after the notification it is due (None: no
# deadline, the outcome to record).
ACKNOWLEDGE = Q(acknowledged_on__isnull=True)
CONTACT = Q(acknowledged_on__isnull=False, first_contact_on__isnull=True)
OUTCOME = Q(acknowledged_on__isnull=False, first_contact_on__isnull=False)
STEPS = (
    (ACKNOWLEDGE, rules.ACKNOWLEDGE_WORKING_DAYS),
    (CONTACT, rules.FIRST_CONTACT_WORKING_DAYS),
    (OUTCOME, None),
)


def _open(user):
    """The open notifications the user works on: the team's not yet acknowledged, and those
    acknowledged with no officer or with the user as their officer."""
    return (
        Notification.objects.within_scope(user, Capability.ACT_ON_NOTIFICATIONS)
        .open()
        .filter(Q(acknowledged_on__isnull=True) | Q(officer_id__isnull=True) | Q(officer_id=user.pk))
    )


def _pairs(rows, calendar: WorkingDays) -> list[tuple[Notification, WorkItem]]:
    """Each notification of `rows` (the user's, `_open`) and its item, without its link or the
    children it may name (`_shown`)."""
    pairs = []
    deadlines: dict = {}  # notifications come many a day: each day's deadline worked out once

    def due_by(rule, notified_on: date) -> date:
        if (rule, notified_on) not in deadlines:
            deadlines[rule, notified_on] = rule(notified_on, calendar)
        return deadlines[rule, notified_on]

    for n in rows:
        if not n.acknowledged_on:
            what, due = f"Acknowledge notification {n.ref}", due_by(rules.acknowledge_by, n.notified_on)
        elif not n.first_contact_on:
            what, due = (
                f"Contact the family about notification {n.ref}",
                due_by(rules.first_contact_by, n.notified_on),
            )
        else:
            what, due = f"Record the outcome of notification {n.ref}", None
        item = WorkItem(
            kind=KIND,
            what=what,
            url="",
            child_id=n.child_id,
            child_name=n.child_name,
            due_on=due,
        )
        pairs.append((n, item))
    return pairs


def _shown(pairs: list[tuple[Notification, WorkItem]]) -> list[WorkItem]:
    """The items shown, each with its link and the council's children its notification is linked
    to or alike."""
    alike = alike_children([n for n, _ in pairs if not n.child_id])
    return [
        replace(
            item,
            url=reverse("early_years:notification", kwargs={"pk": n.pk}),
            mentions=tuple(alike.get(n.pk, ())),
        )
        for n, item in pairs
    ]


def work_for(user, *, today: date) -> list[WorkItem]:
    if not allows(user, Capability.ACT_ON_NOTIFICATIONS):
        return []
    rows = list(_open(user).only(*COLUMNS).order_by("notified_on", "ref"))
    return _shown(_pairs(rows, working_days()))


def last_notified(calendar: WorkingDays, days: int, *, due_before: date) -> date:
    """The last day a notification can have come for its step (`days` working days on) to be due
    before `due_before`: the deadline never goes back as the day notified goes on."""
    day = due_before - timedelta(days=1)
    while calendar.add(day, days) >= due_before:
        day -= timedelta(days=1)
    return day


def first_for(user, *, today: date, shown: int) -> WorkList:
    """The `shown` steps due soonest and how many there are (and how many overdue), counted in SQL:
    the working-day deadlines and the likely matches are worked out for the rows read only. Each
    step's rows are read in the order of the day notified (its deadline follows it), then those due
    the same day as the last by name, so they are cut as the Python order (deadline, then name) cuts."""
    if not allows(user, Capability.ACT_ON_NOTIFICATIONS):
        return WorkList()
    calendar = working_days()
    notifications = _open(user).order_by()
    late = {days: last_notified(calendar, days, due_before=today) for _, days in STEPS if days}
    counts = notifications.aggregate(
        total=Count("pk"),
        late=Count("pk", filter=ACKNOWLEDGE & Q(notified_on__lte=late[rules.ACKNOWLEDGE_WORKING_DAYS]))
        + Count("pk", filter=CONTACT & Q(notified_on__lte=late[rules.FIRST_CONTACT_WORKING_DAYS])),
    )
    if not counts["total"]:
        return WorkList()
    rows: list = []
    if shown:
        columns = notifications.only(*COLUMNS)
        name = Trim(Concat("given_name", Value(" "), "family_name"))
        for step, days in STEPS:
            if days is None:
                rows += columns.filter(step).order_by(name, "notified_on", "ref")[:shown]
                continue
            first = list(columns.filter(step).order_by("notified_on", "ref")[:shown])
            if len(first) == shown:
                # Those due the same day as the last sort by name: read that day's first by name.
                last_due = calendar.add(first[-1].notified_on, days)
                since = last_notified(calendar, days, due_before=last_due) + timedelta(days=1)
                first = [n for n in first if n.notified_on < since]
                first += columns.filter(
                    step,
                    notified_on__gte=since,
                    notified_on__lte=last_notified(calendar, days, due_before=last_due + timedelta(days=1)),
                ).order_by(name, "notified_on", "ref")[: shown - len(first)]
            rows += first
    rows.sort(key=lambda n: (n.notified_on, n.ref))  # the whole list's order, before sorting by due
    first = sorted(_pairs(rows, calendar), key=lambda pair: pair[1].sort_key)[:shown]
    return WorkList(_shown(first), {KIND: Tally(counts["total"], counts["late"])})
