"""Demo mediation and appeals: a few percent of the last three years' appealable decisions (refusals to
assess, decisions not to issue, plans issued, decisions to cease), some mediated first, each appeal
registered within its deadline, with the council's response, a hearing, an outcome and the
Tribunal's orders; every appeal the reviews demo made against ceasing gets its record (some with the
certificate the family had first), and one recent decision to cease gets a mediation certificate that
keeps its plan in force a month longer."""

import random
from datetime import date, timedelta

from tellonce.appeals.models import (
    FOR_THE_FAMILY,
    Appeal,
    AppealOutcome,
    Mediation,
    MediationOutcome,
    TribunalOrder,
)
from tellonce.assessments.models import AssessmentRequest
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain import appeals as rules
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain.calendar import WorkingDays, england_and_wales
from tellonce.plans.models import Plan
from tellonce.reviews.models import Ceasing

Ground = rules.Ground
ORDER_FOR = {
    Ground.REFUSAL_TO_ASSESS: rules.OrderKind.ASSESS,
    Ground.REFUSAL_TO_ISSUE: rules.OrderKind.MAKE_PLAN,
    Ground.PLAN_CONTENT: rules.OrderKind.AMEND,
    Ground.PLACEMENT: rules.OrderKind.AMEND_SECTION_I,
    Ground.REFUSAL_TO_AMEND: rules.OrderKind.AMEND,
    Ground.CEASING: rules.OrderKind.CONTINUE,
}
# Of each kind of decision, how many are taken to mediation or appeal (DfE: appeals are about 2-3%
# of appealable decisions; refusals are challenged far more often than plans' content).
RATES = {Ground.REFUSAL_TO_ASSESS: 0.08, Ground.REFUSAL_TO_ISSUE: 0.12, Ground.PLAN_CONTENT: 0.03}


class Builder:
    def __init__(self, area: DemoArea, rng: random.Random):
        self.area, self.rng, self.today = area, rng, area.today
        self.calendar: WorkingDays = england_and_wales(range(self.today.year - 4, self.today.year + 2))
        self.mediations: list[Mediation] = []
        self.appeals: list[Appeal] = []
        self.orders: list[TribunalOrder] = []

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def mediate(self, child_id, ground: Ground, decided: date, by_id, **links) -> Mediation | None:
        contacted = decided + self.days(7, 50)
        if contacted > self.today:
            return None
        mediation = Mediation(
            id=seeded_uuid(self.rng),
            child_id=child_id,
            ground=ground,
            decision_on=decided,
            contacted_on=contacted,
            by_id=by_id,
            **links,
        )
        if self.rng.random() < 0.45:
            told = contacted
            kind = rules.CertificateKind.DECLINED
        elif self.rng.random() < 0.8:
            mediation.held_on = contacted + self.days(12, 30)
            mediation.outcome = self.rng.choice(list(MediationOutcome))
            told, kind = mediation.held_on, rules.CertificateKind.HELD
        else:
            told, kind = contacted + timedelta(days=30), rules.CertificateKind.NOT_HELD_IN_30_DAYS
        certificate = rules.certificate_due(kind, told, self.calendar).due - self.days(0, 2)
        if mediation.held_on and mediation.held_on > self.today:
            mediation.held_on = mediation.outcome = None
        elif max(certificate, told) <= self.today:
            mediation.certificate_kind, mediation.certificate_on = kind, max(certificate, told)
        mediation.outcome = mediation.outcome or ""
        self.mediations.append(mediation)
        return mediation

    def appeal(
        self, child_id, ground: Ground, decided: date, by_id, mediation=None, **links
    ) -> Appeal | None:
        certificate = mediation.certificate_on if mediation else None
        if mediation is not None and certificate is None:
            return None
        last_day = rules.appeal_by(decided, self.calendar, mediation_certificate_on=certificate)
        start = certificate or decided
        registered = start + timedelta(days=self.rng.randint(3, max(4, (last_day - start).days)))
        if registered > self.today:
            return None
        appeal = Appeal(
            id=seeded_uuid(self.rng),
            child_id=child_id,
            ground=ground,
            decision_on=decided,
            registered_on=registered,
            mediation=mediation,
            by_id=by_id,
            tribunal_ref=f"EH{self.rng.randint(100, 999)}/{registered:%y}/{self.rng.randint(1, 99999):05d}",
            sections={
                Ground.PLAN_CONTENT: self.rng.choice(["BFI", "F", "FI", "I"]),
                Ground.PLACEMENT: "I",
            }.get(ground, ""),
            response_due_on=self.calendar.add(registered, 30),
            **links,
        )
        if appeal.response_due_on <= self.today or self.rng.random() < 0.3:
            appeal.response_sent_on = min(self.today, appeal.response_due_on - self.days(0, 8))
        hearing = registered + self.days(90, 150)
        appeal.hearing_on = hearing
        conceded = self.rng.random() < 0.15
        ended = (appeal.response_due_on - self.days(1, 10)) if conceded else hearing + self.days(5, 20)
        if ended <= self.today:
            appeal.decided_on = ended
            appeal.outcome = (
                AppealOutcome.CONCEDED
                if conceded
                else self.rng.choices(
                    [
                        AppealOutcome.UPHELD,
                        AppealOutcome.PARTLY,
                        AppealOutcome.DISMISSED,
                        AppealOutcome.WITHDRAWN,
                    ],
                    [45, 25, 15, 15],
                )[0]
            )
            self.order(appeal, ground, conceded)
        self.appeals.append(appeal)
        return appeal

    def order(self, appeal: Appeal, ground: Ground, unopposed: bool) -> None:
        if appeal.outcome in FOR_THE_FAMILY:
            kind = ORDER_FOR[ground]
        elif appeal.outcome == AppealOutcome.DISMISSED and ground == Ground.CEASING:
            kind = rules.OrderKind.CEASE
        else:
            return
        due = rules.compliance_due(kind, appeal.decided_on, unopposed=unopposed).due
        complied = due - self.days(0, 10) if due <= self.today and self.rng.random() < 0.85 else None
        self.orders.append(
            TribunalOrder(
                id=seeded_uuid(self.rng),
                appeal=appeal,
                kind=kind,
                ordered_on=appeal.decided_on,
                unopposed=unopposed,
                due_on=due,
                complied_on=complied and max(complied, appeal.decided_on),
                by_id=appeal.by_id,
            )
        )

    def decisions(self):
        """(ground, child, decided on, coordinator, links) for the last two years' appealable decisions."""
        since = self.today - timedelta(days=3 * 365)
        cases = AssessmentRequest.objects.filter(child__local_authority=self.area.local_authority)
        for case in cases.filter(decision="refuse", decision_notified_on__gte=since).order_by("ref"):
            yield (
                Ground.REFUSAL_TO_ASSESS,
                case.child_id,
                case.decision_notified_on,
                case.coordinator_id,
                {"assessment": case},
            )
        for case in cases.filter(not_to_issue_notified_on__gte=since).order_by("ref"):
            yield (
                Ground.REFUSAL_TO_ISSUE,
                case.child_id,
                case.not_to_issue_notified_on,
                case.coordinator_id,
                {"assessment": case},
            )
        issued = cases.filter(final_issued_on__gte=since).order_by("ref")
        plans = {p.assessment_id: p for p in Plan.objects.filter(assessment__in=issued)}
        for case in issued:
            links = {"assessment": case, "plan": plans.get(case.pk)}
            yield Ground.PLAN_CONTENT, case.child_id, case.final_issued_on, case.coordinator_id, links

    def build(self) -> None:
        chosen = {ground: [] for ground in RATES}
        for ground, child_id, decided, by_id, links in self.decisions():
            chosen[ground].append((child_id, decided, by_id, links))
        for ground, rows in chosen.items():
            for child_id, decided, by_id, links in self.rng.sample(
                rows, max(1, round(len(rows) * RATES[ground])) if rows else 0
            ):
                if ground == Ground.PLAN_CONTENT and self.rng.random() < 0.4:
                    ground_here, mediation = Ground.PLACEMENT, None  # no certificate needed (s55(3))
                else:
                    ground_here = ground
                    mediation = self.mediate(child_id, ground, decided, by_id, **links)
                if mediation is None or self.rng.random() < 0.6:
                    self.appeal(child_id, ground_here, decided, by_id, mediation, **links)
                if not self.appeals:  # a small area still shows one appeal, its mediation unrecorded
                    self.appeal(child_id, ground_here, decided, by_id, None, **links)
        self.ceasings()
        self.at_least_one_order()

    def at_least_one_order(self) -> None:
        """A small area still shows an order with its deadline: the oldest undecided appeal that
        could have been heard by now is decided for the family."""
        if self.orders:
            return
        heard = [
            a
            for a in self.appeals
            if a.decided_on is None and a.registered_on + timedelta(days=100) <= self.today
        ]
        if heard:
            appeal = min(heard, key=lambda a: a.registered_on)
            appeal.hearing_on = appeal.registered_on + timedelta(days=90)
            appeal.decided_on, appeal.outcome = appeal.hearing_on + timedelta(days=7), AppealOutcome.UPHELD
            appeal.response_sent_on = appeal.response_sent_on or appeal.response_due_on
            self.order(appeal, Ground(appeal.ground), False)

    def ceasings(self) -> None:
        """A record for each appeal the reviews demo made against ceasing; one recent decision to cease
        with a mediation certificate that keeps the plan in force a month after it."""
        ceasings = Ceasing.objects.filter(
            plan__child__local_authority=self.area.local_authority
        ).select_related("plan")
        for index, ceasing in enumerate(
            ceasings.filter(appeal_lodged_on__isnull=False).order_by("plan__ref")
        ):
            outcome = (
                ""
                if ceasing.appeal_decided_on is None
                else AppealOutcome.UPHELD
                if ceasing.appeal_upheld
                else AppealOutcome.DISMISSED
            )
            appeal = Appeal(
                id=seeded_uuid(self.rng),
                child_id=ceasing.plan.child_id,
                ground=Ground.CEASING,
                decision_on=ceasing.notice_sent_on,
                registered_on=ceasing.appeal_lodged_on,
                response_due_on=self.calendar.add(ceasing.appeal_lodged_on, 30),
                decided_on=ceasing.appeal_decided_on,
                outcome=outcome,
                plan=ceasing.plan,
                ceasing=ceasing,
                by_id=ceasing.by_id,
            )
            if appeal.decided_on:
                appeal.response_sent_on = appeal.response_due_on - self.days(0, 5)
                self.order(appeal, Ground.CEASING, False)
            gap = (ceasing.appeal_lodged_on - ceasing.notice_sent_on).days
            if gap >= 6 and (index == 0 or self.rng.random() < 0.5):
                appeal.mediation = self.certified_before(ceasing, gap)
            self.appeals.append(appeal)
        recent = (
            ceasings.filter(
                appeal_lodged_on__isnull=True,
                withdrawn_on__isnull=True,
                notice_sent_on__gte=self.today - timedelta(days=75),
            )
            .order_by("-notice_sent_on")
            .first()
        )
        if recent is not None:
            self.certify(recent)

    def certified_before(self, ceasing: Ceasing, gap: int) -> Mediation:
        """The family declined mediation and had their certificate before appealing."""
        contacted = ceasing.notice_sent_on + timedelta(days=self.rng.randint(1, gap - 4))
        certificate = min(self.calendar.add(contacted, 3), ceasing.appeal_lodged_on)
        mediation = Mediation(
            id=seeded_uuid(self.rng),
            child_id=ceasing.plan.child_id,
            ground=Ground.CEASING,
            decision_on=ceasing.notice_sent_on,
            contacted_on=contacted,
            certificate_kind=rules.CertificateKind.DECLINED,
            certificate_on=certificate,
            plan=ceasing.plan,
            ceasing=ceasing,
            by_id=ceasing.by_id,
        )
        self.mediations.append(mediation)
        # Under appeal, the plan stays in force whatever the certificate says; the record keeps it.
        Ceasing.objects.filter(pk=ceasing.pk).update(mediation_certificate_on=certificate)
        return mediation

    def certify(self, ceasing: Ceasing) -> None:
        mediation = Mediation(
            id=seeded_uuid(self.rng),
            child_id=ceasing.plan.child_id,
            ground=Ground.CEASING,
            decision_on=ceasing.notice_sent_on,
            contacted_on=ceasing.notice_sent_on + timedelta(days=3),
            plan=ceasing.plan,
            ceasing=ceasing,
            by_id=ceasing.by_id,
        )
        mediation.held_on = min(self.today, ceasing.notice_sent_on + timedelta(days=20))
        mediation.certificate_kind, mediation.outcome = (
            rules.CertificateKind.HELD,
            MediationOutcome.NOT_AGREED,
        )
        mediation.certificate_on = min(self.today, self.calendar.add(mediation.held_on, 2))
        self.mediations.append(mediation)
        ceasing.mediation_certificate_on = mediation.certificate_on
        until = ceasing_rules.in_force_until(ceasing.facts(), self.calendar)
        Ceasing.objects.filter(pk=ceasing.pk).update(mediation_certificate_on=mediation.certificate_on)
        Plan.objects.filter(pk=ceasing.plan_id).update(ceased_on=until)

    def save(self) -> None:
        Mediation.objects.bulk_create(self.mediations)
        Appeal.objects.bulk_create(self.appeals)
        TribunalOrder.objects.bulk_create(self.orders)


@demo_step(name="mediation and appeals", order=117)
def add_appeals(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    # A generator of its own, so the later steps' areas are the same with or without this one.
    builder = Builder(area, random.Random(f"appeals-{area.seed}"))
    builder.build()
    builder.save()
    progress.say(
        f"{len(builder.mediations)} mediations, {len(builder.appeals)} appeals, {len(builder.orders)} orders"
    )
