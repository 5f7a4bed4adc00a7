"""Amendments after a review as the demo writes them: the notice and the amended plan, some late;
the last few months' as plan versions, older ones as dates on the review."""

from collections import defaultdict
from datetime import date, timedelta

from tellonce.demo.reviews.history import DemoPlan, DemoVersion
from tellonce.demo.rows import insert_rows
from tellonce.demo.steps import seeded_uuid
from tellonce.domain import plan_content as pc
from tellonce.domain.school_years import national_curriculum_year
from tellonce.organisations.models import SettingType
from tellonce.plans.models import Kind, Plan, PlanSection, PlanVersion, Status, VersionFinding
from tellonce.reviews.models import ReviewKind

LIVE_AMENDMENT_DAYS = 140


class Amendments:
    """Part of the demo builder (`builder.Builder`), which holds the shared state."""

    def amend(self, plan: DemoPlan, row: dict, held: date, notified: date, link) -> None:
        """The amendment notice and the amended plan, some late (8 weeks from the notice, 12 from
        the meeting at most)."""
        if link:
            row["amendment_version_id"] = link.id
            return
        roll = self.rng.random()
        notice = notified + (
            self.days(0, 7) if roll < 0.75 else self.days(8, 30) if roll < 0.93 else self.days(31, 90)
        )
        roll = self.rng.random()
        if row["kind"] == ReviewKind.PHASE_TRANSFER:  # the 15 February deadline hurries them
            roll -= 0.3
        final = notice + (
            self.days(15, 42) if roll < 0.6 else self.days(43, 90) if roll < 0.9 else self.days(91, 200)
        )
        if notice > self.today:
            return  # decided, but the proposed amendments are still to be written
        if notified >= self.today - timedelta(days=LIVE_AMENDMENT_DAYS):
            self.amendment_versions(plan, row, notice, final if final <= self.today else None)
            return
        row["imported_amendment_notice_on"] = notice
        self.event(plan, notice, "Proposed amendments to the EHC plan sent to the family")
        if final <= self.today:
            row["imported_amended_final_on"] = final
            self.event(plan, final, "Amended EHC plan issued")

    def amendment_versions(self, plan: DemoPlan, row: dict, notice: date, final: date | None) -> None:
        base = plan.in_force_on(notice)
        number = max(v.number for v in plan.versions) + 1
        change = "placement" if row["kind"] == ReviewKind.PHASE_TRANSFER else "provision"
        proposed = DemoVersion(
            seeded_uuid(self.rng), number, Kind.PROPOSED_AMENDMENT, Status.SERVED, notice, None
        )
        plan.versions.append(proposed)
        self.new_versions.append((plan, proposed, base, change))
        row["amendment_version_id"] = proposed.id
        self.event(plan, notice, "Proposed amendments to the EHC plan sent to the family")
        if final:
            amended = DemoVersion(seeded_uuid(self.rng), number + 1, Kind.AMENDED, Status.ISSUED, None, final)
            plan.versions.append(amended)
            self.new_versions.append((plan, amended, proposed, ""))
            self.sections[amended.id] = self.sections[base.id]
            self.event(plan, final, "Amended EHC plan issued")

    def write_versions(self) -> int:
        """The amendments of the last few months as plan versions, each section copied from the
        version it amends (a phase transfer names the next school; others add to section F)."""
        if not self.new_versions:
            return 0
        bases = {base.id for _, _, base, _ in self.new_versions}
        data = defaultdict(dict)
        for version_id, code, value in PlanSection.objects.filter(plan_version_id__in=bases).values_list(
            "plan_version_id", "code", "data"
        ):
            data[version_id][code] = value
        plans = Plan.objects.select_related("child__setting").in_bulk({p.id for p, *_ in self.new_versions})
        versions, sections = [], []
        for plan, version, base, change in self.new_versions:
            data[version.id] = self.changed(data[base.id], change, plan)
            row = PlanVersion(
                id=version.id,
                plan=plans[plan.id],
                number=version.number,
                kind=version.kind,
                status=version.status,
                served_on=version.served_on,
                issued_on=version.issued_on,
                based_on_id=base.id,
                created_by_id=plan.coordinator_id,
            )
            row.note_findings(self.today, pc.from_data(data[version.id]))
            versions.append(row)
            sections += [
                {"id": seeded_uuid(self.rng), "plan_version_id": version.id, "code": code, "data": value}
                for code, value in sorted(data[version.id].items())
            ]
        PlanVersion.objects.bulk_create(versions, batch_size=2000)
        VersionFinding.objects.keep(versions, new=True)
        insert_rows(PlanSection, sections)
        return len(versions)

    def changed(self, sections: dict, change: str, plan: DemoPlan) -> dict:
        sections = dict(sections)
        if change == "placement":
            year = national_curriculum_year(plan.child.date_of_birth, self.today).value
            kind = "fe_college" if year >= 11 else "secondary"
            options = self.area.settings_by_phase.get(kind) or self.area.settings_by_phase["secondary"]
            school = plan.child.next_setting or self.rng.choice(options)
            sections["I"] = {"name": school.name, "setting_type": SettingType(school.setting_type).label}
        elif change == "provision" and sections.get("F", {}).get("items"):
            items = [dict(item) for item in sections["F"]["items"]]
            items[0]["times"] = (items[0].get("times") or 1) + 1
            sections["F"] = {**sections["F"], "items": items}
        return sections
