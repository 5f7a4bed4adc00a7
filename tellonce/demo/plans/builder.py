"""EHC plans for the demo area: a plan for every child with one, from the assessment history
(the draft sent to the family, then the final plan) or imported from before it, some amended;
drafts in progress for open assessments; comments from families with the coordinator's answers.
Quality is spread as the LGA audit of 20 plans (seed 001) and the Kent letter (seed 004) found it,
so every automatic finding occurs somewhere in the area."""

import random
from dataclasses import replace
from datetime import date, timedelta

from tellonce.advice.models import AdviceRequest, Submission
from tellonce.assessments.models import AssessmentRequest
from tellonce.demo import data as demo_words
from tellonce.demo.plans import data as words
from tellonce.demo.rows import insert_rows
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain import plan_content as pc
from tellonce.domain.plan_content import Section
from tellonce.organisations.models import SettingType
from tellonce.people.models import AllAboutMe, TimelineEvent
from tellonce.plans.models import (
    CommentKind,
    Kind,
    Plan,
    PlanComment,
    PlanSection,
    PlanVersion,
    Status,
    VersionFinding,
)

BATCH = 2000
OWN_SEED = 5


class _Builder:
    def __init__(self, area: DemoArea, rng: random.Random):
        self.area, self.rng = area, rng
        self.plans, self.versions, self.sections, self.comments, self.events = [], [], [], [], []
        self.contents: dict = {}
        self.serial: dict[int, int] = {}
        self.abouts = {
            a.child_id: a for a in AllAboutMe.objects.filter(child__local_authority=area.local_authority)
        }
        self.advice = self._advice_by_case()

    @staticmethod
    def _advice_by_case() -> dict:
        assessed = dict(Submission.objects.filter(status="accepted").values_list("advice_id", "assessed_on"))
        by_case: dict = {}
        for advice in AdviceRequest.objects.filter(
            status="accepted", assessment__isnull=False
        ).select_related("team__provider", "setting"):
            by_case.setdefault(advice.assessment_id, []).append(
                pc.AdviceItem(
                    f"advice-{advice.pk.hex[:12]}",
                    f"{advice.service_label} advice",
                    advice.provider_name,
                    advice.received_on,
                    assessed.get(advice.pk),
                )
            )
        return by_case

    def key(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def ref(self, on: date) -> str:
        self.serial[on.year] = self.serial.get(on.year, 0) + 1
        return f"EHCP-{on.year}-{self.serial[on.year]:05d}"

    # Content -------------------------------------------------------------------------------------

    def chance(self, rate: float) -> bool:
        return self.rng.random() < rate

    def views(self, child) -> pc.Views:
        """Section A, from "All about me" where the child has one; blank in 3% of plans, and in a
        quarter where English is not the family's first language (seed 001 para 2.2)."""
        about, rng = self.abouts.get(child.pk), self.rng
        if self.chance(0.03 if child.first_language == "English" else 0.25):
            return pc.Views()
        if about is None:
            about = AllAboutMe(
                in_my_words=f"I like {rng.choice(demo_words.LIKES)}.",
                what_people_like_about_me=rng.choice(demo_words.PEOPLE_LIKE),
                what_is_important_to_me=f"It is important to me to have {rng.choice(demo_words.IMPORTANT)}.",
                how_best_to_support_me=" ".join(rng.sample(demo_words.SUPPORT, 2)),
                my_hopes_for_the_future=f"When I am older I would like {rng.choice(demo_words.HOPES)}.",
                family_views=rng.choice(demo_words.FAMILY_VIEWS),
                completed_with=rng.choice(demo_words.COMPLETED_WITH),
            )
        return pc.Views(
            in_my_words=about.in_my_words,
            my_story_so_far="" if self.chance(0.2) else rng.choice(words.STORIES),
            what_people_like_about_me=about.what_people_like_about_me,
            what_is_important_to_me=about.what_is_important_to_me,
            how_best_to_support_me=about.how_best_to_support_me,
            my_hopes_for_the_future=about.my_hopes_for_the_future,
            family_views="" if self.chance(0.04) else about.family_views,
            completed_with="" if self.chance(0.08) else about.completed_with,
        )

    def item(self, template, outcomes: tuple[str, ...], starts: date) -> pc.Provision:
        what, role, qualification, times, per, minutes, group = template
        ends = starts + timedelta(days=330)
        return pc.Provision(
            self.key(), what, role, qualification, times, per, minutes, group, starts, ends, outcomes
        )

    def weaken(self, item: pc.Provision) -> pc.Provision:
        """One of the weaknesses the audits found (seed 004: "weekly session of small group
        activities for 10 weeks"; vague words; no one named; no session length; no expertise)."""
        kind = self.rng.choice(["kent", "vague", "who", "how_long", "expertise", "how_often"])
        if kind == "kent":
            ends = item.starts_on + timedelta(weeks=10)
            return replace(
                item,
                what=words.KENT_EXAMPLE,
                role="",
                qualification="",
                minutes=None,
                group_size=None,
                ends_on=ends,
            )
        if kind == "vague":
            return replace(
                item, what=self.rng.choice(words.VAGUE_PROVISION), times=None, per=None, minutes=None
            )
        if kind == "who":
            return replace(item, role="", qualification="")
        if kind == "how_long":
            return replace(item, minutes=None)
        if kind == "how_often":
            return replace(item, times=None, per=None)
        return replace(item, qualification="")

    def outcomes(self, name: str, area: str, nc_year: int, on: date) -> list[pc.Outcome]:
        rng = self.rng
        if self.chance(0.01):
            return []
        outcomes = [
            pc.Outcome(
                self.key(),
                text.format(name=name),
                on + timedelta(days=rng.randint(250, 700)),
                measure.format(name=name),
            )
            for text, measure, _ in words.OUTCOMES[area]
        ]
        if nc_year >= 9 and not self.chance(0.12):
            for text, measure, pfa in rng.sample(words.PFA_OUTCOMES, 2):
                by_when = on + timedelta(days=rng.randint(400, 900))
                outcomes.append(
                    pc.Outcome(
                        self.key(),
                        text.format(name=name),
                        by_when,
                        measure.format(name=name),
                        (pc.PfaArea(pfa),),
                    )
                )
        if self.chance(0.06):
            outcomes[0] = replace(outcomes[0], by_when=None)
        if self.chance(0.06):
            outcomes[-1] = replace(outcomes[-1], measured_by="")
        return outcomes

    def provision(
        self, child, area: str, outcomes: list[pc.Outcome], on: date, *, health: bool, social: bool
    ):
        rng = self.rng
        plain = [o.key for o in outcomes if not o.pfa] or [""]
        pfa = tuple(o.key for o in outcomes if o.pfa)
        f_items = [self.item(t, (plain[i % len(plain)],), on) for i, t in enumerate(words.PROVISION[area])]
        if pfa:
            f_items.append(self.item(words.PFA_PROVISION[0], pfa, on))
        if self.chance(0.35):
            n = rng.randrange(len(f_items))
            f_items[n] = self.weaken(f_items[n])
        if self.chance(0.08):
            f_items[-1] = replace(f_items[-1], outcomes=())
        if self.chance(0.04):
            f_items.append(self.item(words.HEALTH_IN_F, (plain[0],), on))
        if self.chance(0.03):
            f_items.append(self.item(words.SOCIAL_IN_F, (plain[0],), on))
        provision = {Section.F: f_items if not self.chance(0.005) else []}
        if health and not self.chance(0.15):
            provision[Section.G] = [self.item(rng.choice(words.HEALTH_PROVISION), (plain[0],), on)]
        if self.chance(0.06):
            provision.setdefault(Section.G, []).append(self.item(words.THERAPY_IN_G, (plain[0],), on))
        if social and not self.chance(0.1):
            adult = child.age_on(on) >= 18
            section = Section.H2 if adult and not self.chance(0.4) else Section.H1
            provision[section] = [self.item(rng.choice(words.SOCIAL_PROVISION), (plain[-1],), on)]
        return {s: tuple(items) for s, items in provision.items() if items}

    def placement(self, child, nc_year: int) -> pc.Placement:
        """Section I names the setting, except in 4% of plans and in 30% of those in a transfer year
        (seed 001 para 2.23)."""
        setting = child.setting
        if setting is None:
            return pc.Placement("", "Education otherwise than at school" if self.chance(0.5) else "")
        kind = SettingType(setting.setting_type).label
        transfer = child.transfer_after(nc_year) is not None
        if (transfer and self.chance(0.3)) or self.chance(0.04):
            return pc.Placement("", kind if self.chance(0.7) else "")
        return pc.Placement(setting.name, kind)

    def budget(self, on: date) -> pc.PersonalBudget:
        """A personal-budget discussion is recorded in 30% of plans (seed 001 para 2.24: in none)."""
        if not self.chance(0.3):
            return pc.PersonalBudget()
        outcome = self.rng.choice(list(pc.BudgetOutcome))
        discussed = on - timedelta(days=self.rng.randint(10, 60))
        if outcome != pc.BudgetOutcome.AGREED:
            return pc.PersonalBudget(discussed, outcome)
        return pc.PersonalBudget(
            discussed,
            outcome,
            (pc.BudgetForm.DIRECT_PAYMENT,),
            self.rng.choice([600, 1200, 2400]),
            "Swimming lessons and a personal assistant for after-school clubs",
        )

    def advice_items(self, case_id, on: date) -> list[pc.AdviceItem]:
        """The assessment's accepted advice; for plans from before it, three pieces. Some plans rest
        on a report years old (seed 004), reuse advice, or leave its date out."""
        rng = self.rng
        advice = list(self.advice.get(case_id, []))
        if not advice:
            for title, author in rng.sample(words.ADVICE_TITLES, 3):
                dated = on - timedelta(days=rng.randint(20, 120))
                advice.append(
                    pc.AdviceItem(
                        self.key(), title, author, dated, dated - timedelta(days=rng.randint(7, 40))
                    )
                )
        if self.chance(0.07):
            old = on - timedelta(days=rng.randint(3 * 365, 10 * 365))
            advice.append(
                pc.AdviceItem(
                    self.key(),
                    "Speech and language therapy report",
                    "Northbridge Community Health NHS Trust",
                    old,
                    old,
                )
            )
        if self.chance(0.04):
            advice[0] = replace(advice[0], reused=True)
        if self.chance(0.02):
            advice[-1] = replace(advice[-1], dated=None)
        return advice

    def content(self, child, on: date, case_id) -> pc.PlanContent:
        name = child.preferred_name or child.given_name
        area = words.AREAS.get(child.primary_need, "learning")
        nc_year = child.nc_year_on(on).value
        health = self.chance(0.4)
        known = child.looked_after or child.child_in_need or child.child_protection
        social = self.chance(0.75) if known else self.chance(0.05 if child.age_on(on) < 18 else 0.15)
        outcomes = self.outcomes(name, area, nc_year, on)
        needs = {
            Section.B: ""
            if self.chance(0.01)
            else "\n\n".join(n.format(name=name) for n in self.rng.sample(words.NEEDS[area], 2)),
            Section.C: self.rng.choice(words.HEALTH_NEEDS).format(name=name) if health else "",
            Section.D: self.rng.choice(words.SOCIAL_NEEDS).format(name=name) if social else "",
        }
        return pc.PlanContent(
            views=self.views(child),
            needs=needs,
            outcomes=tuple(outcomes),
            provision=self.provision(child, area, outcomes, on, health=health, social=social),
            placement=self.placement(child, nc_year),
            personal_budget=self.budget(on),
            advice=tuple(self.advice_items(case_id, on)),
        )

    # Rows ----------------------------------------------------------------------------------------

    def plan(self, child, case, made: date) -> Plan:
        coordinator = (
            child.coordinator or self.area.coordinators[len(self.plans) % len(self.area.coordinators)]
        )
        plan = Plan(
            id=seeded_uuid(self.rng),
            ref=self.ref(made),
            child=child,
            assessment=case,
            coordinator=coordinator,
            named_officer=coordinator if self.rng.random() < 0.9 else None,
        )
        self.plans.append(plan)
        return plan

    def version(
        self, plan, number, kind, status, content, *, served=None, issued=None, based_on=None
    ) -> PlanVersion:
        version = PlanVersion(
            id=seeded_uuid(self.rng),
            plan=plan,
            number=number,
            kind=kind,
            status=status,
            served_on=served,
            issued_on=issued,
            based_on=based_on,
            created_by=plan.coordinator,
        )
        self.versions.append(version)
        self.contents[version.pk] = content
        for code, data in pc.to_data(content).items():
            self.sections.append((version.pk, code, data))
        return version

    def event(self, child, on: date, title: str) -> None:
        if on <= self.area.today:
            self.events.append(TimelineEvent(child=child, occurred_on=on, kind="plan", title=title))

    def maybe_comment(self, version: PlanVersion) -> None:
        if self.rng.random() >= 0.25:
            return
        section, text = self.rng.choice(words.COMMENTS)
        made = version.served_on + timedelta(days=self.rng.randint(1, 12))
        if made > self.area.today:
            return
        answered = made + timedelta(days=self.rng.randint(1, 10))
        is_answered = answered <= self.area.today
        self.comments.append(
            PlanComment(
                plan_version=version,
                section=section,
                kind=CommentKind.COMMENT,
                text=text,
                made_on=made,
                answer=self.rng.choice(words.ANSWERS) if is_answered else "",
                answered_by=version.plan.coordinator if is_answered else None,
                answered_on=answered if is_answered else None,
            )
        )

    def drafted_then_issued(self, child, case) -> None:
        plan = self.plan(child, case, case.draft_issued_on)
        final = self.content(child, case.final_issued_on, case.pk)
        draft = final if self.chance(0.05) else _without_name(final)  # some drafts wrongly name the school
        v1 = self.version(plan, 1, Kind.DRAFT, Status.SERVED, draft, served=case.draft_issued_on)
        self.maybe_comment(v1)
        v2 = self.version(plan, 2, Kind.FINAL, Status.ISSUED, final, issued=case.final_issued_on, based_on=v1)
        self.maybe_amend(plan, v2, final)

    def imported(self, child, issued: date) -> None:
        plan = self.plan(child, None, issued)
        content = self.content(child, issued, None)
        v1 = self.version(plan, 1, Kind.FINAL, Status.ISSUED, content, issued=issued)
        self.maybe_amend(plan, v1, content)

    def maybe_amend(self, plan, issued_version: PlanVersion, content: pc.PlanContent) -> None:
        today = self.area.today
        if issued_version.issued_on > today - timedelta(days=400) or self.rng.random() >= 0.3:
            return
        proposed_on = issued_version.issued_on + timedelta(days=self.rng.randint(330, 400))
        items = list(content.provision_in(Section.F))
        if items:
            first = items[0]
            ends = proposed_on + timedelta(days=330)
            items[0] = replace(
                first,
                times=(first.times or 1) + 1,
                per=first.per or pc.Period.WEEK,
                starts_on=proposed_on,
                ends_on=ends,
            )
        amended = _with_f(content, tuple(items))
        v_p = self.version(
            plan,
            issued_version.number + 1,
            Kind.PROPOSED_AMENDMENT,
            Status.SERVED,
            amended,
            served=proposed_on,
            based_on=issued_version,
        )
        self.event(plan.child, proposed_on, "Proposed amendments to the EHC plan sent to the family")
        final_on = proposed_on + timedelta(days=self.rng.randint(25, 80))
        if final_on <= today:
            self.version(
                plan, v_p.number + 1, Kind.AMENDED, Status.ISSUED, amended, issued=final_on, based_on=v_p
            )
            self.event(plan.child, final_on, "Amended EHC plan issued")

    def in_progress(self, child, case) -> None:
        plan = self.plan(child, case, case.decision_notified_on)
        content = self.content(child, self.area.today, case.pk)
        content = content if self.chance(0.1) else _without_name(content)
        if case.draft_issued_on:
            v1 = self.version(plan, 1, Kind.DRAFT, Status.SERVED, content, served=case.draft_issued_on)
            self.maybe_comment(v1)
        else:
            self.version(plan, 1, Kind.DRAFT, Status.WORKING, content)


def _without_name(content: pc.PlanContent) -> pc.PlanContent:
    return pc.PlanContent(
        content.views,
        content.needs,
        content.outcomes,
        content.provision,
        pc.Placement("", content.placement.setting_type),
        content.personal_budget,
        content.advice,
    )


def _with_f(content: pc.PlanContent, items: tuple) -> pc.PlanContent:
    return pc.PlanContent(
        content.views,
        content.needs,
        content.outcomes,
        {**content.provision, Section.F: items},
        content.placement,
        content.personal_budget,
        content.advice,
    )


def _insert_sections(rows: list[tuple], *, rng: random.Random) -> None:
    """About 150,000 section rows for 20,000 children, written with `insert_rows` (one executemany
    a batch) rather than the ORM's bulk_create, which spends most of the demo's time building SQL."""
    insert_rows(
        PlanSection,
        (
            {"id": seeded_uuid(rng), "plan_version_id": version_id, "code": code, "data": data}
            for version_id, code, data in rows
        ),
    )


@demo_step(name="EHC plans", order=110)
def plans(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    b = _Builder(area, random.Random(area.seed * 1000 + OWN_SEED))
    today = area.today
    cases = AssessmentRequest.objects.filter(child__local_authority=area.local_authority).order_by(
        "received_on"
    )
    issued = {c.child_id: c for c in cases if c.final_issued_on}
    drafting = {
        c.child_id: c
        for c in cases
        if c.final_issued_on is None
        and c.withdrawn_on is None
        and c.not_to_issue_notified_on is None
        and c.decision == "assess"
        and (c.draft_issued_on or c.decision_notified_on <= today - timedelta(weeks=8))
    }
    children = [c for c in area.children if c.sen_status == "EHC_PLAN" or c.pk in drafting]
    for n, child in enumerate(children, 1):
        if child.pk in issued:
            b.drafted_then_issued(child, issued[child.pk])
        elif child.pk in drafting:
            b.in_progress(child, drafting[child.pk])
        else:
            age = child.age_on(today)
            earliest = max(child.date_of_birth + timedelta(days=2 * 365), today - timedelta(days=9 * 365))
            span = max((today - timedelta(days=60) - earliest).days, 1)
            b.imported(
                child,
                earliest + timedelta(days=b.rng.randrange(span)) if age >= 2 else today - timedelta(days=60),
            )
        if n % 500 == 0:
            progress.count("EHC plans", n, len(children))
    latest_issued = {v.plan_id: v for v in b.versions if v.status == Status.ISSUED}
    for version in b.versions:
        if version.status != Status.ISSUED or latest_issued[version.plan_id] is version:
            version.note_findings(today, b.contents[version.pk])
    for model, rows in (
        (Plan, b.plans),
        (PlanVersion, b.versions),
        (PlanComment, b.comments),
        (TimelineEvent, b.events),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH)
    VersionFinding.objects.keep(b.versions, new=True)
    _insert_sections(b.sections, rng=b.rng)
    progress.say(
        f"{len(b.plans):,} plans, {len(b.versions):,} versions, {len(b.sections):,} sections, "
        f"{len(b.comments):,} comments from families"
    )
