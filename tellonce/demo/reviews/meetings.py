"""One review's meeting as the demo writes it: the invitations and who came from each agency, the
child's and family's views, preparing for adulthood, progress on each outcome and the report."""

from datetime import date

from tellonce.demo import data as names
from tellonce.demo.reviews import words
from tellonce.demo.reviews.history import DemoPlan
from tellonce.demo.steps import seeded_uuid
from tellonce.domain.school_years import age_on, national_curriculum_year
from tellonce.reviews.models import (
    Agency,
    AnnualReview,
    EducationStatus,
    OutcomeProgress,
    ReviewAttendance,
    ReviewKind,
)
from tellonce.reviews.models import Progress as OutcomeRating

PROGRESS_WEIGHTS = {
    OutcomeRating.ACHIEVED: 15,
    OutcomeRating.ON_TRACK: 40,
    OutcomeRating.SOME: 30,
    OutcomeRating.NONE: 10,
    OutcomeRating.NO_LONGER: 5,
}
PROGRESS_POOL = [rating for rating, weight in PROGRESS_WEIGHTS.items() for _ in range(weight)]


class Meetings:
    """Part of the demo builder (`builder.Builder`), which holds the shared state."""

    def new_review(self, plan: DemoPlan, meeting: date, kind: str) -> dict:
        notice = self.days(14, 35) if self.chance(0.85) else self.days(3, 13)
        advice = self.days(14, 21) if self.chance(0.75) else self.days(1, 13)
        row = {
            "id": seeded_uuid(self.rng),
            "plan_id": plan.id,
            "kind": kind,
            "coordinator_id": plan.coordinator_id,
            "meeting_on": meeting,
            "invitations_sent_on": meeting - notice,
            "advice_circulated_on": None if self.chance(0.05) else meeting - advice,
        }
        plan.reviews.append(row)
        self.rows[AnnualReview].append(row)
        return row

    def meeting_record(self, plan: DemoPlan, row: dict, held: date, notified: date) -> None:
        """Who came, the views, progress on each outcome, and the setting's report."""
        rng, child = self.rng, plan.child
        self.invite(plan, row, held=True)
        nc_year = national_curriculum_year(child.date_of_birth, held).value
        age = age_on(child.date_of_birth, held)
        row["child_views"] = "" if self.chance(0.5 if age < 5 else 0.12) else rng.choice(words.CHILD_VIEWS)
        row["family_views"] = "" if self.chance(0.06) else rng.choice(words.FAMILY_VIEWS)
        row["adulthood_discussed"] = nc_year >= 9 and self.chance(0.85)
        if nc_year in words.DESTINATIONS and self.chance(0.3 if nc_year == 12 else 0.85):
            row["destination"] = rng.choice(words.DESTINATIONS[nc_year])
        if age >= 16:
            self.education(plan, row, held)
        report = held + (self.days(1, 14) if self.chance(0.68) else self.days(15, 45))
        if report > min(notified, self.today):
            report = notified if notified <= self.today else None
        if report is None:
            return
        row["report_sent_on"] = report
        row["report_by_id"] = self.sencos.get(child.setting_id)
        for key, text in self.outcomes(plan.in_force_on(held)):
            rating = rng.choice(PROGRESS_POOL)
            self.rows[OutcomeProgress].append(
                {
                    "review_id": row["id"],
                    "outcome_key": key,
                    "outcome_text": text,
                    "progress": rating,
                    "evidence": rng.choice(words.EVIDENCE[rating]),
                }
            )

    def education(self, plan: DemoPlan, row: dict, held: date) -> None:
        """Some young people leave education with no return planned (reg. 29, 30); once they have,
        their later reviews still say so."""
        if plan.left_education is None and self.chance(0.03):
            plan.left_education = (EducationStatus.LEFT_NO_RETURN, held - self.days(14, 150))
        elif plan.left_education is None and self.chance(0.015):
            row["education_status"] = EducationStatus.LEFT_RETURN_PLANNED
            row["left_education_on"] = held - self.days(14, 90)
        if plan.left_education:
            row["education_status"], row["left_education_on"] = plan.left_education

    def invite(self, plan: DemoPlan, row: dict, *, held: bool) -> None:
        """Invitations to each agency, and (once held) who came or sent advice instead: education
        nearly always comes, health and social care seldom (seed 004)."""
        child, rng = plan.child, self.rng
        age = age_on(child.date_of_birth, row["meeting_on"])
        version = plan.in_force_on(row["meeting_on"])
        sections = self.sections[version.id]
        known = child.looked_after or child.child_in_need or child.child_protection
        invited = [
            (Agency.FAMILY, "Parent or carer", 0.92, 0.0),
            (Agency.EDUCATION, rng.choice(words.EDUCATION_ROLES), 0.96, 0.6)
            if child.setting_id
            else (Agency.OTHER, rng.choice(words.OTHER_ROLES), 0.6, 0.2),
        ]
        if sections.get("C", {}).get("text") or self.chance(0.35):
            invited.append((Agency.HEALTH, rng.choice(words.HEALTH_ROLES), 0.28, 0.35))
        if sections.get("D", {}).get("text") or known:
            invited.append(
                (
                    Agency.SOCIAL_CARE,
                    rng.choice(words.SOCIAL_CARE_ROLES),
                    0.35 if child.looked_after else 0.18,
                    0.3,
                )
            )
        if age >= 8:
            invited.append((Agency.CHILD, "The child or young person", min(0.9, 0.3 + age * 0.03), 0.0))
        if row["kind"] == ReviewKind.PHASE_TRANSFER or self.chance(0.3):
            invited.append((Agency.COUNCIL, "EHC coordinator", 0.85, 0.0))
        for agency, role, comes, advises in invited:
            came = held and self.chance(comes)
            self.rows[ReviewAttendance].append(
                {
                    "review_id": row["id"],
                    "agency": agency,
                    "name": self.name_for(agency, plan),
                    "role": role,
                    "attended": came,
                    "sent_advice": held and not came and self.chance(advises),
                }
            )

    def name_for(self, agency: str, plan: DemoPlan) -> str:
        child = plan.child
        if agency == Agency.CHILD:
            return child.full_name
        if agency == Agency.COUNCIL:
            return self.staff_names.get(plan.coordinator_id, "EHC coordinator")
        given = self.rng.choice(names.GIVEN_NAMES[self.rng.choice("MF")])
        family = child.family_name if agency == Agency.FAMILY else self.rng.choice(names.FAMILY_NAMES)
        return f"{given} {family}"
