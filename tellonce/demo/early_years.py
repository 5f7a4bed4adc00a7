"""Two years of notifications from health about the demo area's youngest children (CFA 2014 s23):
from the health visitor, the paediatrician and the speech and language therapist, each acknowledged,
allocated, followed up and closed with an outcome, some late; and a few still open, one about a
child the council does not know yet. Its own seeded random numbers, so the rest of the area is as
before it was added."""

import random
from datetime import timedelta

from tellonce.accounts.roles import Role
from tellonce.accounts.services import create_account
from tellonce.core.time import working_days
from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.domain.early_years import is_under_compulsory_school_age
from tellonce.early_years.models import MatchDecision, Notification, Outcome
from tellonce.organisations.models import Service
from tellonce.people.models import Child

CONCERNS = [
    "Not yet using single words at the 2 to 2½ year review; limited shared attention",
    "Delayed motor development: not walking independently at 20 months",
    "Hearing loss confirmed by audiology; hearing aids fitted",
    "Very limited eye contact and play; repetitive behaviours noted at the review",
    "Global developmental delay following a premature birth",
    "Feeding difficulties and low muscle tone; under the community paediatrician",
]
OFFERED = [
    "Home visit by the early years SEND officer; Portage offered",
    "Advice to the nursery; a place on the speech and language group",
    "Early years inclusion funding for the setting; visit to the family",
    "Information about the Local Offer and the parent carer forum; follow-up call in 6 weeks",
]
UNKNOWN = [("Maisie", "Thornbury"), ("Kofi", "Asante-Bright"), ("Ilse", "Vandermeer")]


def _notifiers(area: DemoArea) -> list:
    visitor = create_account(
        username="healthvisitor",
        role=Role.HEALTH_VISITOR,
        first_name="Niamh",
        last_name="Doyle",
        job_title="Health visitor",
        team=area.teams.get(Service.HEALTH_VISITING),
        local_authority=area.local_authority,
        password_hash=area.extra.get("password_hash"),
    )
    return [
        visitor,
        visitor,
        area.staff.get("paediatrician") or visitor,
        area.staff.get("therapist") or visitor,
    ]


def _days(rng: random.Random, late: bool) -> int:
    return rng.randint(6, 14) if late else rng.randint(0, 4)


@demo_step(name="notifications from health", order=165)
def notifications(area: DemoArea, rng_unused: random.Random, progress: Progress) -> None:
    rng = random.Random(area.seed * 23 + 5)
    today, calendar = area.today, working_days()
    notifiers = _notifiers(area)
    officers = [area.staff["coordinator"], area.staff.get("coordinator2", area.staff["coordinator"])]
    young = [c for c in area.children if is_under_compulsory_school_age(c.date_of_birth, today)]
    serial = 0

    def ref(year: int) -> str:
        nonlocal serial
        serial += 1
        return f"HN-{year}-{serial:05d}"

    made = []
    for i, child in enumerate(young):
        notified = max(
            child.date_of_birth + timedelta(days=300), today - timedelta(days=rng.randint(20, 700))
        )
        if notified > today - timedelta(days=2) or notified.weekday() > 4:
            notified = today - timedelta(days=3 + (today.weekday() + 4) % 7)
        n = Notification(
            ref=ref(notified.year),
            local_authority=area.local_authority,
            notified_by=rng.choice(notifiers),
            notified_on=notified,
            child=child,
            match_decision=MatchDecision.CONFIRMED,
            given_name=child.given_name,
            family_name=child.family_name,
            date_of_birth=child.date_of_birth,
            nhs_number=child.nhs_number,
            postcode=child.postcode,
            early_years_setting=child.setting.name if child.setting_id else "",
            concerns=rng.choice(CONCERNS),
            parent_name=f"Parent of {child.given_name}",
            parent_phone="07700 900" + f"{rng.randint(100, 999)}",
            parent_told_on=notified - timedelta(days=rng.randint(0, 10)),
            service_named=True,
            parent_agrees_to_contact=True,
        )
        age = (today - notified).days
        if age > 10 or i % 3:
            n.acknowledged_on = calendar.add(notified, _days(rng, rng.random() < 0.2))
            n.officer, n.allocated_on = rng.choice(officers), n.acknowledged_on
        if age > 40 and n.acknowledged_on:
            n.first_contact_on = calendar.add(notified, rng.randint(5, 30))
            n.offered = rng.choice(OFFERED)
        if age > 120 and n.first_contact_on:
            n.outcome = rng.choice(
                [o.value for o in Outcome if o != Outcome.MOVED] + [Outcome.SETTING_SUPPORT]
            )
            n.outcome_on = n.first_contact_on + timedelta(days=rng.randint(20, 90))
        made.append(n)
    for given, family in UNKNOWN:
        if Child.objects.filter(given_name=given, family_name=family).exists():
            continue
        notified = today - timedelta(days=rng.randint(1, 6))
        made.append(
            Notification(
                ref=ref(notified.year),
                local_authority=area.local_authority,
                notified_by=notifiers[0],
                notified_on=notified,
                given_name=given,
                family_name=family,
                date_of_birth=today - timedelta(days=rng.randint(500, 1100)),
                postcode=area.children[0].postcode if area.children else "",
                concerns=rng.choice(CONCERNS),
                parent_name=f"Parent of {given}",
                parent_told_on=notified - timedelta(days=1),
                service_named=True,
                parent_agrees_to_contact=True,
            )
        )
        break  # one open notification about a child the council does not know yet
    Notification.objects.bulk_create(made)
    progress.say(f"{len(made)} notifications from health")
