"""A year of provision delivery for the demo area's plans in force: most provision delivered, with
the gaps councils see (ADR 72): a speech and language therapy vacancy for two half-terms, children
waiting for occupational therapy and physiotherapy, staff absence, the child's own absence; the
families' reports of provision not received, and the coordinators' follow-up. The half-term under
way is left for the settings to record."""

import random
from datetime import timedelta

from django.db.models import Q

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.delivery import kept, services
from tellonce.delivery.models import Commitment, DeliveryRecord, FamilyReport, FollowUp, half_terms_for
from tellonce.demo.rows import insert_rows
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain import delivery as rules
from tellonce.domain.calendar import england_and_wales
from tellonce.domain.school_years import academic_year_start
from tellonce.organisations.models import Service
from tellonce.people.models import FamilyMember
from tellonce.plans.models import Plan

# The share of half-terms with each gap, by kind of provision.
STAFF_ABSENCE = 0.07
CHILD_ABSENT = 0.06
WAITING_FOR = {
    Service.SPEECH_AND_LANGUAGE_THERAPY.value: 0.3,
    Service.CAMHS.value: 0.4,
    Service.OCCUPATIONAL_THERAPY.value: 0.35,
    Service.PHYSIOTHERAPY.value: 0.25,
    Service.SOCIAL_CARE.value: 0.2,
}
FAMILY_REPORTS = 0.6  # of commitments with a half-term not delivered at all
FOLLOWED_UP = 0.6  # of those the coordinator has acted on


@demo_step(name="provision delivery", order=155)
def provision_delivery(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    la = area.local_authority
    today = area.today
    system = User.system_account()
    plans = list(
        Plan.objects.filter(child__local_authority=la, ceased_on__isnull=True, versions__status="issued")
        .distinct()
        .select_related("child")
        .order_by("ref")
    )
    for n, plan in enumerate(plans, start=1):
        services.bring_up_to_date(plan, by=Actor.command(system, "tellonce demo"), today=today)
        progress.count("provision brought from plans", n, len(plans))
    year = academic_year_start(today)
    calendar = rules.calendar_for(
        half_terms_for(la.pk, range(year - 1, year + 1)),
        england_and_wales(range(year - 1, year + 2)).bank_holidays,
    )
    # Recorded: the half-terms that ended in the last year.
    recorded = [
        h for h in calendar.half_terms if h.ends_on < today and h.ends_on >= today - timedelta(days=365)
    ]
    recorders = {}
    for user in User.objects.filter(role__in=[Role.SENCO, Role.THERAPIST], is_active=True):
        recorders[("setting", user.setting_id)] = user
        recorders[("team", user.team_id)] = user
    parents = dict(FamilyMember.objects.filter(account__isnull=False).values_list("child_id", "account_id"))
    # The slowest locality's speech and language therapy, and the teaching assistants of the school
    # with most provision to deliver, each had a vacancy for two half-terms.
    vacancy = set(recorded[-3:-1]) if len(recorded) >= 3 else set()
    by_setting: dict = {}
    still_owed = Q(ends_on__isnull=True) | Q(ends_on__gte=min(vacancy).starts_on) if vacancy else Q()
    for setting_id in Commitment.objects.filter(
        still_owed, local_authority=la, setting__isnull=False
    ).values_list("setting_id", flat=True):
        by_setting[setting_id] = by_setting.get(setting_id, 0) + 1
    short_staffed = max(sorted(by_setting), key=lambda s: by_setting[s]) if by_setting else None
    commitments = list(
        Commitment.objects.filter(local_authority=la, ended_on__isnull=True)
        .select_related("team", "child")
        .order_by("plan__ref", "item_key")
    )
    rows, reports, actions = [], [], []
    for commitment in commitments:
        rule = commitment.rule
        if rule is None:
            continue
        starts = max(commitment.starts_on, calendar.half_terms[0].starts_on)
        expected = {
            e.half_term: e
            for e in rules.expected_sessions(rule, calendar, starts_on=starts, ends_on=commitment.ends_on)
        }
        service = commitment.team.service if commitment.team_id else None
        waiting_until = None
        if rng.random() < WAITING_FOR.get(service or "", 0.25 if commitment.section != "F" else 0.0):
            waiting_until = rng.randrange(1, 5)  # half-terms on the waiting list
        missed_whole = False
        by = recorders.get(("setting", commitment.setting_id)) or recorders.get(("team", commitment.team_id))
        for index, half_term in enumerate(recorded):
            found = expected.get(half_term)
            if found is None or found.sessions == 0:
                continue
            outcome, delivered, reason = rules.Outcome.DELIVERED, found.sessions, ""
            if waiting_until is not None and index < waiting_until:
                outcome, delivered, reason = rules.Outcome.NOT_DELIVERED, 0, rules.Reason.WAITING_LIST
            elif half_term in vacancy and (
                (
                    service == Service.SPEECH_AND_LANGUAGE_THERAPY
                    and commitment.child.locality_id == area.localities[0].pk
                )
                or (commitment.setting_id is not None and commitment.setting_id == short_staffed)
            ):
                outcome, delivered, reason = rules.Outcome.NOT_DELIVERED, 0, rules.Reason.VACANCY
            else:
                roll = rng.random()
                if roll < STAFF_ABSENCE and found.sessions > 1:
                    outcome, reason = rules.Outcome.PARTLY, rules.Reason.STAFF_ABSENCE
                    delivered = rng.randrange(1, found.sessions)
                elif roll < STAFF_ABSENCE + CHILD_ABSENT and found.sessions > 1:
                    outcome, reason = rules.Outcome.PARTLY, rules.Reason.CHILD_ABSENT
                    delivered = rng.randrange(max(1, found.sessions // 2), found.sessions)
            missed_whole |= outcome == rules.Outcome.NOT_DELIVERED
            rows.append(
                {
                    "id": seeded_uuid(rng),
                    "commitment_id": commitment.pk,
                    "half_term_starts_on": half_term.starts_on,
                    "half_term_ends_on": half_term.ends_on,
                    "half_term_label": half_term.label,
                    "expected": found.sessions,
                    "school_weeks": found.school_weeks,
                    "outcome": outcome.value,
                    "delivered": delivered,
                    "reason": str(reason),
                    "reason_text": "",
                    "recorded_by_id": by.pk if by else None,
                    "recorded_on": min(half_term.ends_on + timedelta(days=rng.randrange(1, 10)), today),
                }
            )
        if missed_whole and commitment.child_id in parents and rng.random() < FAMILY_REPORTS:
            reports.append(
                FamilyReport(
                    commitment=commitment,
                    half_term_label=recorded[-1].label if recorded else "",
                    sessions_missed=rng.randrange(2, 8),
                    text=rng.choice(
                        [
                            "We were told the therapist has left and no one has replaced them.",
                            "Our child has not had any sessions since the start of term.",
                            "The school says they are still waiting for the service to start.",
                        ]
                    ),
                    reported_by_id=parents[commitment.child_id],
                    reported_on=today - timedelta(days=rng.randrange(5, 60)),
                )
            )
        if missed_whole and rng.random() < FOLLOWED_UP:
            actions.append(
                FollowUp(
                    commitment=commitment,
                    action=rng.choice(list(rules.Action)).value,
                    text="Agreed with the provider and the family",
                    by=commitment.child.coordinator,
                    on=today - timedelta(days=rng.randrange(60, 120)),
                )
            )
    insert_rows(DeliveryRecord, rows)
    # the latest outcome and current wait kept on each commitment, as the service keeps them
    services.note_latest(c.pk for c in commitments)
    FamilyReport.objects.bulk_create(reports)
    FollowUp.objects.bulk_create(actions)
    # the weeks missed and the family's reports since the coordinator last acted, as the services keep them
    kept.keep(c.pk for c in commitments)
    progress.say(
        f"{len(commitments):,} commitments, {len(rows):,} half-term records, "
        f"{len(reports)} family reports, {len(actions)} follow-ups"
    )
