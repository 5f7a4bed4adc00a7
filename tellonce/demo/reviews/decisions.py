"""The decision after a review as the demo writes it: keep, amend or cease, the ceasing notice and
any appeal, and ceasing being considered for young people who left education."""

from datetime import date, timedelta

from tellonce.demo.reviews import words
from tellonce.demo.reviews.history import DemoPlan
from tellonce.demo.steps import seeded_uuid
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.domain.school_years import age_on
from tellonce.reviews.models import Ceasing, ReviewKind
from tellonce.reviews.services import DECISION_EVENTS

CeaseReason = ceasing_rules.CeaseReason


class Decisions:
    """Part of the demo builder (`builder.Builder`), which holds the shared state."""

    def decide(self, plan: DemoPlan, row: dict, held: date, notified: date, link) -> date | None:
        child, rng = plan.child, self.rng
        age = age_on(child.date_of_birth, held)
        if link:
            decision = rules.Decision.AMEND
        elif row["kind"] == ReviewKind.PHASE_TRANSFER:
            decision = rules.Decision.AMEND if self.chance(0.8) else rules.Decision.MAINTAIN
        elif self.may_cease(plan, notified) and self.chance(0.1 if age >= 16 else 0.008):
            decision = rules.Decision.CEASE
        else:
            decision = rules.Decision.AMEND if self.chance(0.28) else rules.Decision.MAINTAIN
        row["decision"], row["decision_notified_on"] = decision.value, notified
        row["decision_reason"] = words.DECISION_REASONS[decision]
        row["recommendations"] = rng.choice(words.RECOMMENDATIONS[decision])
        self.event(plan, notified, DECISION_EVENTS[decision])
        if decision == rules.Decision.AMEND:
            self.amend(plan, row, held, notified, link)
        elif decision == rules.Decision.CEASE:
            self.cease(plan, row, held, notified, age)
        return notified

    def may_cease(self, plan: DemoPlan, notified: date) -> bool:
        """Ceasing only in the last 2 years, and never for those left in force on purpose: the
        demo family's children, the young people past the age limit or who left education."""
        limit = ceasing_rules.academic_year_end_after_25th_birthday(plan.child.date_of_birth)
        return (
            notified >= self.today - timedelta(days=730)
            and plan.child.pk not in self.protected
            and plan.left_education is None
            and limit >= self.today
        )

    def cease(self, plan: DemoPlan, row: dict, held: date, notified: date, age: int) -> None:
        """The decision to cease, with its notice; some appeal, and the plan stays in force while
        they can and while the appeal is heard (s45(4))."""
        rng = self.rng
        reasons = [CeaseReason.NEEDS_MET, CeaseReason.NO_LONGER_ENGAGING]
        reasons += [CeaseReason.EMPLOYMENT] if age >= 17 else []
        reasons += [CeaseReason.HIGHER_EDUCATION] if age >= 18 else []
        ceasing = {
            "id": seeded_uuid(rng),
            "plan_id": plan.id,
            "reason": rng.choice(reasons) if age >= 16 else CeaseReason.NEEDS_MET,
            "considered_on": held,
            "setting_consulted_on": held + self.days(0, 10) if plan.child.setting_id else None,
            "decided_on": notified,
            "notice_sent_on": notified,
            "ceases_on": notified + self.days(28, 70),
            "notes": row["recommendations"],
            "by_id": plan.coordinator_id,
        }
        lodged = notified + self.days(10, 55)
        if self.chance(0.08) and lodged <= self.today:
            ceasing["appeal_lodged_on"] = lodged
            heard = lodged + self.days(90, 200)
            if heard <= self.today:
                ceasing["appeal_decided_on"], ceasing["appeal_upheld"] = heard, self.chance(0.35)
        self.rows[Ceasing].append(ceasing)
        facts = ceasing_rules.CeasingFacts(
            notice_sent=notified,
            ceases_on=ceasing["ceases_on"],
            appeal_lodged=ceasing.get("appeal_lodged_on"),
            appeal_decided=ceasing.get("appeal_decided_on"),
            appeal_upheld=ceasing.get("appeal_upheld"),
        )
        until = ceasing_rules.in_force_until(facts, self.calendar)
        if until is not None:
            self.ceased_on[plan.id] = until
            plan.ceased = True

    def consider_ceasing(self) -> None:
        """A quarter of those who left education with no return planned: ceasing is being
        considered with the family (reg. 29, 30), not yet decided."""
        for plan in self.plans:
            decided = [r for r in plan.reviews if r.get("decision_notified_on")]
            if plan.ceased or not plan.left_education or not decided or not self.chance(0.25):
                continue
            considered = decided[-1]["decision_notified_on"] + self.days(10, 60)
            if considered <= self.today:
                self.rows[Ceasing].append(
                    {
                        "id": seeded_uuid(self.rng),
                        "plan_id": plan.id,
                        "reason": CeaseReason.NO_LONGER_ENGAGING,
                        "considered_on": considered,
                        "notes": "Left college in the spring; the family has been asked for their views.",
                        "by_id": plan.coordinator_id,
                    }
                )
