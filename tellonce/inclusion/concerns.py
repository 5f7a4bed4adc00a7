"""The children with a plan the SEND team should act on: excluded, on a part-time timetable, or out
of school longer than the council allows (`domain.inclusion.reasons_to_act`), unless someone acted
and the day to look again has not come. Four queries however many children."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Q

from tellonce.accounts.policy import Capability
from tellonce.domain import inclusion as rules
from tellonce.inclusion.models import Episode, Extract, ExtractKind, InclusionAction
from tellonce.inclusion.services import threshold_of
from tellonce.organisations.councils import council_id

LOOK_BACK_DAYS = rules.RECENT_EXCLUSION_DAYS


@dataclass
class Concern:
    child: object
    reasons: list[rules.Reason]
    episodes: list = field(default_factory=list)
    look_again_on: date | None = None  # when the last action said to look again, now come

    @property
    def reasons_text(self) -> str:
        text = "; ".join(str(r) for r in self.reasons)
        return text[:1].upper() + text[1:]


def with_a_plan() -> Q:
    return Q(sen_status=rules.SenStatus.EHC_PLAN) | Q(child__sen_status="EHC_PLAN")


def concerns(user, capability: Capability, *, today: date) -> list[Concern]:
    local_authority_id = council_id(user)
    if local_authority_id is None:
        return []
    latest_exclusions = (
        Extract.objects.of_council(local_authority_id)
        .filter(kind=ExtractKind.EXCLUSIONS)
        .aggregate(latest=Max("term"))["latest"]
    )
    recent = Q(started_on__gte=today - timedelta(days=LOOK_BACK_DAYS)) | Q(ended_on__isnull=True)
    suspensions_this_term = Q(kind=rules.EpisodeKind.SUSPENSION) & ~Q(extract__term=latest_exclusions)
    rows = (
        Episode.objects.of_children_visible_to(user, capability)
        .filter(with_a_plan(), recent)
        .exclude(suspensions_this_term)
        .exclude(kind__in=(rules.EpisodeKind.ALTERNATIVE_PROVISION, rules.EpisodeKind.EOTAS))
        .select_related("child", "setting")
        .order_by("child__family_name", "child__given_name", "-started_on")
    )
    by_child: dict = {}
    for row in rows:
        by_child.setdefault(row.child_id, (row.child, []))[1].append(row)
    days = threshold_of(local_authority_id).out_of_school_days
    last = dict(
        InclusionAction.objects.filter(child_id__in=list(by_child))
        .values("child_id")
        .annotate(look=Max("look_again_on"))
        .values_list("child_id", "look")
    )
    found = []
    for child_id, (child, episodes) in by_child.items():
        look = last.get(child_id)
        if look is not None and look > today:
            continue
        reasons = rules.reasons_to_act(
            _unique(e.as_episode() for e in episodes), today, out_of_school_days=days
        )
        if reasons:
            found.append(Concern(child, reasons, episodes, look))
    return found


def _unique(episodes):
    """An episode running across terms is in each term's extract: count it once."""
    return list(dict.fromkeys(episodes))
