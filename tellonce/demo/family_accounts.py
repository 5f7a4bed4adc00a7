"""Who decides for the demo's young people, and the coordinator's open invitations to families.

Past compulsory school age a parent sees the record only if the young person agrees or lacks
capacity (domain.decisions), so the demo records both for some and neither for others: the
parents of over-16s see what they should. The step draws from its own seeded random numbers, so
the steps after it build the same area as before it was added."""

import hashlib
import random
from datetime import UTC, datetime, time, timedelta

from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.domain.decisions import youngest_over_compulsory_school_age
from tellonce.people.invitations import INVITATION_DAYS
from tellonce.people.models import AccountInvitation, Child, FamilyMember

AGREES = 0.55
LACKS_CAPACITY = 0.06
HAS_EMAIL = 0.7
INVITED = 4
ASSESSORS = [
    "Dr Ana Silva, consultant psychiatrist",
    "Tom Reilly, social worker",
    "Dr Priya Shah, clinical psychologist",
]


def _young_people(area: DemoArea, rng: random.Random) -> list[Child]:
    threshold = youngest_over_compulsory_school_age(area.today)
    changed = []
    for child in area.children:
        if child.date_of_birth >= threshold:
            continue
        if rng.random() < LACKS_CAPACITY:
            child.lacks_capacity = True
            child.capacity_assessed_on = area.today - timedelta(days=rng.randint(30, 700))
            child.capacity_assessed_by = rng.choice(ASSESSORS)
        elif rng.random() < AGREES:
            child.agrees_parent_sees = True
            child.agreement_recorded_on = area.today - timedelta(days=rng.randint(1, 500))
        if child.age_on(area.today) >= 16 and rng.random() < HAS_EMAIL:
            child.email = f"{child.given_name}.{child.family_name}{len(changed)}@example.org".lower()
        changed.append(child)
    return changed


def _invitations(area: DemoArea, rng: random.Random) -> list[AccountInvitation]:
    coordinator = area.staff["coordinator"]
    waiting = FamilyMember.objects.filter(
        child__coordinator=coordinator, parental_responsibility=True, account__isnull=True, main_contact=True
    ).exclude(email="")
    invitations = []
    for member in waiting.select_related("child").order_by("child__family_name", "pk")[:INVITED]:
        sent = datetime.combine(area.today - timedelta(days=rng.randint(1, 10)), time(10), tzinfo=UTC)
        token = rng.getrandbits(256).to_bytes(32, "big").hex()
        invitations.append(
            AccountInvitation(
                child=member.child,
                family_member=member,
                email=member.email,
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                sent_at=sent,
                expires_at=sent + timedelta(days=INVITATION_DAYS),
                invited_by=coordinator,
            )
        )
    return invitations


@demo_step(name="who decides and family accounts", order=75)
def who_decides(area: DemoArea, _shared: random.Random, progress: Progress) -> None:
    rng = random.Random(f"{area.seed}-who-decides")
    young = _young_people(area, rng)
    fields = ["lacks_capacity", "capacity_assessed_on", "capacity_assessed_by", "agrees_parent_sees"]
    Child.objects.bulk_update(young, [*fields, "agreement_recorded_on", "email"], batch_size=500)
    AccountInvitation.objects.bulk_create(_invitations(area, rng))
    agreed = sum(c.agrees_parent_sees for c in young)
    lacking = sum(c.lacks_capacity for c in young)
    progress.say(
        f"{len(young):,} over compulsory school age: {agreed:,} agree their parent sees the record, "
        f"{lacking:,} lack capacity"
    )
