"""The inclusion measures of one term, counted in SQL: pupils on roll and persistently absent (the
attendance extract's counts by school, need and SEN status, kept at import: `AttendanceCount`) and
pupils with each kind of episode (counted distinct by UPN from the rows), by SEN status and one
grouping (need, phase, school, locality), two aggregate queries however many pupils; then judged by `domain.inclusion` (rates, Wilson
intervals, suppression, the comparison with pupils without SEN)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from tellonce.accounts.policy import Capability
from tellonce.domain import codes
from tellonce.domain import inclusion as rules
from tellonce.domain.education_settings import PHASE_LABELS, SettingPhase
from tellonce.inclusion.models import AttendanceCount, Episode, Extract

K = rules.EpisodeKind
# measure: (label, the episode kinds counted; None for persistent absence)
MEASURES = {
    "persistent_absence": ("Persistently absent (missed 10% or more of sessions)", None),
    "suspension": ("One or more suspensions", (K.SUSPENSION,)),
    "permanent_exclusion": ("Permanently excluded", (K.PERMANENT_EXCLUSION,)),
    "part_time": ("On a part-time timetable", (K.PART_TIME,)),
    "off_roll": ("Moved off roll at an unusual time", (K.OFF_ROLL,)),
    "alternative_provision": ("In alternative provision or EOTAS", (K.ALTERNATIVE_PROVISION, K.EOTAS)),
    "missing_education": ("Missing education", (K.MISSING_EDUCATION,)),
}
GROUPINGS = {
    "need": ("Primary need", "need"),
    "phase": ("Phase", "setting__phase"),
    "school": ("School", "setting__name"),
    "locality": ("Locality", "setting__locality__name"),
}
STATUSES = list(rules.SenStatus)
NEED_LABELS = dict(codes.SEN_TYPE.choices())


@dataclass(frozen=True)
class Line:
    """One measure (or one group of a measure) for pupils with a plan, on SEN support and with
    neither, and how those with SEND compare with those without."""

    label: str
    rates: dict
    send: rules.Rate
    verdict: rules.Verdict
    ratio: float | None


def terms_for(user) -> list[rules.Term]:
    codes_ = Extract.objects.within_scope(user, Capability.SEE_INCLUSION_MEASURES).values_list(
        "term", flat=True
    )
    return [rules.Term.of_code(c) for c in sorted(set(codes_), reverse=True)]


def _counts(
    user, term: rules.Term, field: str | None, only: str | None = None
) -> dict[tuple, dict[str, int]]:
    """{(group, status): {"pupils": n, measure: n...}} in two queries (every measure, or `only`)."""
    keys = [field, "sen_status"] if field else ["sen_status"]
    att = (
        AttendanceCount.objects.figures_for(user, Capability.SEE_INCLUSION_MEASURES)
        .filter(extract__term=term.code)
        .values(*keys)
        .annotate(pupils=Sum("pupils"), persistent_absence=Sum("persistently_absent"))
        .order_by()
    )
    found: dict[tuple, dict[str, int]] = {}
    for row in att:
        found[(row.get(field) if field else None, row["sen_status"])] = {
            "pupils": int(row["pupils"]),
            "persistent_absence": int(row["persistent_absence"]),
        }
    counted = {
        name: Count("upn", distinct=True, filter=Q(kind__in=kinds))
        for name, (_, kinds) in MEASURES.items()
        if kinds and only in (None, name)
    }
    if not counted:
        return found
    episodes = Episode.objects.figures_for(user, Capability.SEE_INCLUSION_MEASURES).filter(
        extract__term=term.code
    )
    if only is not None:
        episodes = episodes.filter(kind__in=MEASURES[only][1])
    episodes = episodes.values(*keys).annotate(**counted).order_by()
    for row in episodes:
        found.setdefault((row.get(field) if field else None, row["sen_status"]), {}).update(
            {k: v for k, v in row.items() if k in counted}
        )
    return found


def _line(label: str, measure: str, counts: dict[str, dict[str, int]], suppress_below: int) -> Line:
    rates = {}
    for status in STATUSES:
        row = counts.get(status, {})
        pupils = row.get("pupils", 0)
        rates[status] = rules.rate(min(row.get(measure, 0), pupils), pupils, suppress_below=suppress_below)
    send = rules.rate(
        rates["E"].count + rates["K"].count,
        rates["E"].total + rates["K"].total,
        suppress_below=suppress_below,
    )
    return Line(label, rates, send, rules.compare(send, rates["N"]), rules.ratio(send, rates["N"]))


def summary(user, term: rules.Term, *, suppress_below: int = rules.SUPPRESS_BELOW) -> list[Line]:
    found = _counts(user, term, None)
    counts = {status: found.get((None, status), {}) for status in STATUSES}
    return [_line(label, name, counts, suppress_below) for name, (label, _) in MEASURES.items()]


def by_group(
    user, term: rules.Term, measure: str, grouping: str, *, suppress_below: int = rules.SUPPRESS_BELOW
):
    field = GROUPINGS[grouping][1]
    found = _counts(user, term, field, only=measure)
    groups: dict = {}
    for (group, status), row in found.items():
        groups.setdefault(group, {})[status] = row
    lines = [_line(_group_label(grouping, g), measure, c, suppress_below) for g, c in groups.items()]
    return sorted(lines, key=lambda line: line.label)


def _group_label(grouping: str, value) -> str:
    if value in (None, ""):
        return "Not recorded" if grouping == "need" else "None"
    if grouping == "need":
        return NEED_LABELS.get(value, value)
    if grouping == "phase":
        return PHASE_LABELS.get(SettingPhase(value), value) if value in SettingPhase else value
    return str(value)
