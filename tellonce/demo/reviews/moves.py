"""Moves between councils as the demo writes them: out (the plan transfers and ceases, SEN2 reason
5, or the move is still to happen) and in (reviewed here after the transfer)."""

from datetime import date, timedelta

from tellonce.demo.reviews import words
from tellonce.demo.reviews.history import DemoPlan
from tellonce.demo.steps import seeded_uuid
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain.moves import transfer_due
from tellonce.reviews.models import Ceasing, Direction, PlanMove

CeaseReason = ceasing_rules.CeaseReason


class Moves:
    """Part of the demo builder (`builder.Builder`), which holds the shared state."""

    def move_out(self, plan: DemoPlan, last_version: date) -> None:
        """A family moving to another council in England: the plan transfers (reg. 15) and this
        council stops maintaining it (SEN2 cease reason 5); some moves are still to happen."""
        council, code = self.rng.choice(words.OTHER_COUNCILS)
        today = self.today
        if self.chance(0.4):
            moves_on = today + self.days(-20, 25)
            known_on, transferred_on = min(today, moves_on - self.days(0, 30)), None
        else:
            moves_on = max(today - self.days(40, 4 * 365), last_version + timedelta(days=30))
            known_on = moves_on - self.days(0, 35)
            due = transfer_due(moves_on=moves_on, known_on=known_on, calendar=self.calendar).due
            transferred_on = min(today, due + (self.days(1, 20) if self.chance(0.3) else timedelta()))
        plan.moves_out_on = moves_on
        self.rows[PlanMove].append(
            {
                "id": seeded_uuid(self.rng),
                "plan_id": plan.id,
                "direction": Direction.OUT,
                "other_council": council,
                "other_code": code,
                "moves_on": moves_on,
                "known_on": known_on,
                "transferred_on": transferred_on,
                "by_id": plan.coordinator_id,
            }
        )
        if moves_on <= today:
            self.event(plan, moves_on, f"Moved to {council}", "plan")
        if transferred_on:
            self.rows[Ceasing].append(
                {
                    "id": seeded_uuid(self.rng),
                    "plan_id": plan.id,
                    "reason": CeaseReason.MOVED_IN_ENGLAND,
                    "considered_on": known_on,
                    "decided_on": transferred_on,
                    "ceases_on": transferred_on,
                    "notes": f"Transferred to {council}",
                    "by_id": plan.coordinator_id,
                }
            )
            self.ceased_on[plan.id] = transferred_on

    def move_in(self, plan: DemoPlan) -> None:
        """A plan transferred from another council: treated as made on its original date (reg. 15(3));
        its first review here is due 12 months from the last or 3 months from the transfer."""
        council, code = self.rng.choice(words.OTHER_COUNCILS)
        today = self.today
        moves_on = max(today - self.days(20, 4 * 365), plan.made + timedelta(days=30))
        known_on = moves_on - self.days(5, 40)
        due = transfer_due(moves_on=moves_on, known_on=known_on, calendar=self.calendar).due
        transferred_on = min(today, due + (self.days(1, 15) if self.chance(0.3) else timedelta()))
        told = transferred_on + self.days(10, 60)
        plan.transferred_in = transferred_on
        self.rows[PlanMove].append(
            {
                "id": seeded_uuid(self.rng),
                "plan_id": plan.id,
                "direction": Direction.IN,
                "other_council": council,
                "other_code": code,
                "moves_on": moves_on,
                "known_on": known_on,
                "transferred_on": transferred_on,
                "family_told_on": told if told <= today else None,
                "by_id": plan.coordinator_id,
            }
        )
        self.event(plan, transferred_on, f"EHC plan transferred from {council}", "plan")
