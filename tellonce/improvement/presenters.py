"""Plans as page-ready values. The impact report's values are built once and used by the page,
the Word file and the PDF, so the three cannot say different things."""

from dataclasses import dataclass, field
from datetime import date

from tellonce.core.formatting import govuk_date
from tellonce.domain import improvement as rules
from tellonce.improvement import registry
from tellonce.improvement.models import Action, ImprovementPlan, Priority, Update

RAG_TEXT = {None: "Not rated", "red": "Red", "amber": "Amber", "green": "Green"}
RAG_TAG = {
    None: "govuk-tag--grey",
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
}
DIRECTION_TEXT = {
    "improving": "Improving",
    "worsening": "Getting worse",
    "steady": "About the same",
    "unknown": "Not enough data",
}


def rag_tag(rag) -> dict:
    key = None if rag is None else str(rag)
    return {"text": RAG_TEXT[key], "classes": RAG_TAG[key]}


@dataclass
class MeasureView:
    key: str
    label: str
    source: str
    current: str
    target: str
    direction: str
    points: list[tuple[str, str]]  # (month end, value) oldest first


def measure_view(link, local_authority_id: int, today: date, *, months: int = 6) -> MeasureView:
    measure = registry.get(link.key)
    if measure is None:
        return MeasureView(link.key, link.key, "", "No longer available", "", DIRECTION_TEXT["unknown"], [])
    days = rules.month_ends(today, months=months)
    values = measure.values(local_authority_id, days)
    moving = rules.direction(values, higher_is_better=measure.higher_is_better)
    return MeasureView(
        key=link.key,
        label=measure.label,
        source=measure.source,
        current=measure.format(values[-1]),
        target="" if link.target is None else measure.format(float(link.target)),
        direction=DIRECTION_TEXT[moving],
        points=[(govuk_date(d), measure.format(v)) for d, v in zip(days, values, strict=True)],
    )


@dataclass
class ActionView:
    action: Action
    status: str
    due: str
    overdue_days: int
    owner: str


def withdrawal_text(action: Action) -> str:
    """Why and when an action was withdrawn, in plain English; empty while it is live."""
    if not action.withdrawn:
        return ""
    why = (
        f"merged into “{action.merged_into.text[:80]}”"
        if action.merged_into_id and action.merged_into
        else "no longer needed"
    )
    return f"Withdrawn on {govuk_date(action.withdrawn_on)}: {why}"


def action_view(action: Action, today: date) -> ActionView:
    return ActionView(
        action=action,
        status=withdrawal_text(action) or action.get_status_display(),
        due=govuk_date(action.due_on),
        overdue_days=action.days_overdue_on(today),
        owner=str(action.owner) if action.owner_id else "No owner",
    )


@dataclass
class PriorityView:
    priority: Priority
    rag: dict
    history: list
    actions: list[ActionView]
    updates: dict[str, list[Update]]
    measures: list[MeasureView] = field(default_factory=list)
    later_findings: list = field(default_factory=list)


def priority_view(priority: Priority, today: date, *, with_measures: bool = True) -> PriorityView:
    updates: dict[str, list[Update]] = {kind: [] for kind in Update.Kind.values}
    for update in priority.updates.all():
        updates[update.kind].append(update)
    la = priority.plan.local_authority_id
    return PriorityView(
        priority=priority,
        rag=rag_tag(priority.rag_on(today)),
        history=list(priority.rag_history.all()),
        actions=[action_view(a, today) for a in priority.actions.select_related("owner", "merged_into")],
        updates=updates,
        measures=[measure_view(m, la, today) for m in priority.measures.all()] if with_measures else [],
        later_findings=list(priority.later_findings.select_related("finding__inspection")),
    )


@dataclass
class BoardView:
    rows: list[dict]
    overdue: list[ActionView]
    trend: list[dict]


def board_view(plan: ImprovementPlan, today: date) -> BoardView:
    priorities = list(plan.priorities.prefetch_related("rag_history", "actions"))
    rows = []
    for p in priorities:
        actions = list(p.actions.all())
        rows.append(
            {
                "priority": p,
                "rag": rag_tag(p.rag_on(today)),
                "open": sum(a.is_open() for a in actions),
                "withdrawn": sum(a.withdrawn for a in actions),
                "overdue": sum(a.is_overdue_on(today) for a in actions),
            }
        )
    overdue = Action.objects.filter(priority__plan=plan).overdue_on(today).select_related("owner", "priority")
    counts = rules.rag_trend([p.ratings() for p in priorities], rules.month_ends(today, months=11))
    trend = [
        {"day": govuk_date(c.day), "red": c.red, "amber": c.amber, "green": c.green, "unrated": c.unrated}
        for c in counts
    ]
    return BoardView(rows, [action_view(a, today) for a in overdue], trend)


@dataclass
class ImpactArea:
    number: int
    title: str
    aim: str
    rag: str
    progress: list[str]
    impact: list[str]
    worries: list[str]
    next_steps: list[str]
    measures: list[str]


@dataclass
class ImpactReport:
    title: str
    area: str
    on: date
    on_text: str
    inspection: str
    areas: list[ImpactArea]


def impact_report(plan: ImprovementPlan, on: date) -> ImpactReport:
    """The plan as it stood on `on`, in the shape of a written statement of action impact report:
    for each area, its aim, progress, impact, and worries, concerns and next steps."""
    areas = []
    la = plan.local_authority_id
    for p in plan.priorities.prefetch_related("updates", "rag_history", "measures"):
        said = [u for u in p.updates.all() if u.recorded_on <= on]
        measures = []
        for link in p.measures.all():
            measure = registry.get(link.key)
            if measure is not None:
                measures.append(
                    f"{measure.label}: {measure.format(measure.value(la, on))} on {govuk_date(on)}"
                )
        areas.append(
            ImpactArea(
                number=p.number,
                title=p.title,
                aim=p.aim,
                rag=RAG_TEXT[None if p.rag_on(on) is None else str(p.rag_on(on))],
                progress=[u.text for u in said if u.kind == Update.Kind.PROGRESS],
                impact=[u.text for u in said if u.kind == Update.Kind.IMPACT],
                worries=[u.text for u in said if u.kind == Update.Kind.WORRY],
                next_steps=[u.text for u in said if u.kind == Update.Kind.NEXT_STEP],
                measures=measures,
            )
        )
    inspection = plan.inspection
    return ImpactReport(
        title=f"{plan.title}: impact report",
        area=plan.local_authority.name,
        on=on,
        on_text=govuk_date(on),
        inspection=str(inspection) if inspection else "",
        areas=areas,
    )
