"""Three years of referrals and waits for the demo area's health services, with speech and language
therapy clearly slower in one locality than another (as seed 004 found across one county)."""

import random
from datetime import timedelta

from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.organisations.models import HealthProvider, Service
from tellonce.waiting_lists.models import Referral, SupportOffer, WaitingService, WaitReview

# code, name, provider ODS code, clock event, weeks, source, median weeks to be seen, share of children referred
SERVICES = [
    (
        "slt",
        "Speech and language therapy",
        "RNB",
        "treatment",
        18,
        "NHS referral to treatment, 18 weeks",
        20,
        0.10,
    ),
    ("ot", "Occupational therapy", "RNB", "treatment", 18, "NHS referral to treatment, 18 weeks", 16, 0.04),
    ("physio", "Physiotherapy", "RNB", "treatment", 18, "NHS referral to treatment, 18 weeks", 10, 0.03),
    (
        "paediatrics",
        "Community paediatrics",
        "RNH",
        "first_contact",
        18,
        "NHS referral to treatment, 18 weeks",
        15,
        0.05,
    ),
    (
        "autism",
        "Autism assessment pathway",
        "RNH",
        "first_contact",
        13,
        "NICE CG128: first assessment appointment within 3 months of referral",
        60,
        0.05,
    ),
    (
        "adhd",
        "ADHD assessment pathway",
        "RNH",
        "first_contact",
        18,
        "NHS referral to treatment, 18 weeks",
        70,
        0.03,
    ),
    (
        "wheelchairs",
        "Wheelchair service",
        "RNB",
        "treatment",
        18,
        "NHS England wheelchair standard, 18 weeks",
        22,
        0.01,
    ),
    (
        "camhs-t2",
        "CAMHS tier 2 (emotional health)",
        "RNM",
        "first_contact",
        4,
        "Local standard: 4 weeks",
        8,
        0.04,
    ),
    (
        "camhs-t3",
        "CAMHS tier 3 (specialist)",
        "RNM",
        "treatment",
        18,
        "NHS referral to treatment, 18 weeks",
        30,
        0.02,
    ),
]
SLOW_LOCALITY_FACTOR = 1.8
# The kind of team that works each list: its members see its referrals.
KINDS = {
    "slt": Service.SPEECH_AND_LANGUAGE_THERAPY,
    "ot": Service.OCCUPATIONAL_THERAPY,
    "physio": Service.PHYSIOTHERAPY,
    "paediatrics": Service.PAEDIATRICS,
    "autism": Service.PAEDIATRICS,
    "adhd": Service.PAEDIATRICS,
    "wheelchairs": Service.PHYSIOTHERAPY,
    "camhs-t2": Service.CAMHS,
    "camhs-t3": Service.CAMHS,
}


@demo_step(name="waiting lists", order=150)
def waiting_lists(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    providers = {p.ods_code: p for p in HealthProvider.objects.all()}
    slow, fast = area.localities[0], area.localities[1]
    referrals, reviews, support = [], [], []
    horizon = area.today - timedelta(days=3 * 365)
    for code, name, ods, event, weeks, source, median, share in SERVICES:
        service = WaitingService.objects.create(
            local_authority=area.local_authority,
            code=code,
            name=name,
            provider=providers[ods],
            clock_event=event,
            clock_weeks=weeks,
            clock_source=source,
            review_after_weeks=max(weeks, 12),
            kind=KINDS[code],
        )
        for n, child in enumerate(
            c for c in area.children if c.age_on(area.today) <= 18 and rng.random() < share
        ):
            referred = horizon + timedelta(days=rng.randrange(0, 3 * 365))
            factor = (
                SLOW_LOCALITY_FACTOR
                if code == "slt" and child.locality is slow
                else 0.8
                if (code == "slt" and child.locality is fast)
                else 1.0
            )
            wait_days = int(rng.expovariate(1 / (median * 7 * factor * 1.2)))
            accepted = rng.random() > 0.08
            seen = referred + timedelta(days=wait_days) if accepted else None
            seen = seen if seen and seen <= area.today else None
            contact = seen - timedelta(days=rng.randrange(0, 20)) if seen and event == "treatment" else seen
            referral = Referral(
                service=service,
                child=child,
                locality=child.locality,
                provider_ref=f"{code.upper()}{n:06d}",
                referred_on=referred,
                accepted=accepted,
                first_contact_on=contact if contact and contact >= referred else seen,
                treatment_on=seen if event == "treatment" else None,
                discharged_on=seen + timedelta(days=rng.randrange(60, 300))
                if seen and rng.random() < 0.5 and seen + timedelta(days=300) < area.today
                else None,
            )
            referrals.append(referral)
            waited = ((seen or area.today) - referred).days / 7
            if accepted and waited > service.review_after_weeks and rng.random() < 0.6:
                reviews.append(
                    WaitReview(
                        referral=referral,
                        reviewed_on=referred + timedelta(weeks=service.review_after_weeks + 2),
                        need_rechecked=True,
                        risk=rng.choice(["low", "low", "medium", "high"]),
                    )
                )
                support.append(
                    SupportOffer(
                        referral=referral,
                        kind=rng.choice([k for k, _ in SupportOffer.Kind.choices]),
                        offered_on=referred + timedelta(weeks=service.review_after_weeks + 2),
                        taken_up=rng.choice([True, True, False, None]),
                    )
                )
    Referral.objects.bulk_create(referrals, batch_size=2000)
    reviews = [r for r in reviews if r.reviewed_on <= area.today]
    support = [s for s in support if s.offered_on <= area.today]
    WaitReview.objects.bulk_create(reviews, batch_size=2000)
    SupportOffer.objects.bulk_create(support, batch_size=2000)
    progress.say(
        f"{len(SERVICES)} services, {len(referrals):,} referrals, {len(reviews):,} reviews of long waits"
    )
