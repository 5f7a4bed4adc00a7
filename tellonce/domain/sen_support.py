"""SEN support in schools: the school census's SEN items, a pupil's status from term to term, and
the share of pupils on SEN support or with an EHC plan.

Sources: DfE Common Basic Data Set (CBDS), school census items SENprovision (E: EHC plan,
K: SEN support, N: no special educational need) and SENtype with SENtypeRank (1 the primary need,
2 the secondary); "NSA" (SEN support but no specialist assessment of type of need) is a census need
type for pupils on SEN support only (DfE "SEN in England" technical document). School census days:
spring (January), summer (May) and autumn (October). SEND Code of Practice 6.44-6.56 (the graduated
approach: assess, plan, do, review).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tellonce.domain.codes import SEN_TYPE

NO_SPECIALIST_ASSESSMENT = "NSA"
NEED_TYPES = SEN_TYPE.codes | {NO_SPECIALIST_ASSESSMENT}


class Provision(StrEnum):
    EHC_PLAN = "E"
    SEN_SUPPORT = "K"
    NONE = "N"

    @property
    def label(self) -> str:
        return PROVISION_LABELS[self]


PROVISION_LABELS = {
    Provision.EHC_PLAN: "EHC plan",
    Provision.SEN_SUPPORT: "SEN support",
    Provision.NONE: "No special educational need",
}


def need_label(code: str) -> str:
    if code == NO_SPECIALIST_ASSESSMENT:
        return "SEN support but no specialist assessment of type of need"
    return SEN_TYPE.label_of(code)


def row_problems(provision: str, needs: list[str]) -> list[str]:
    """What is wrong with one pupil's SEN items: `needs` are the ranked need types as given (blank
    ones left out). Each message names the item, for a line of an import's report."""
    if provision not in Provision.__members__.values():
        return [f"SEN provision {provision!r} must be E (EHC plan), K (SEN support) or N (no SEN)"]
    found = [
        f"need type {need!r} is not a school census SEN type" for need in needs if need not in NEED_TYPES
    ]
    if provision == Provision.NONE:
        if needs:
            found.append("a pupil with SEN provision N has no need type")
        return found
    if not needs:
        found.append(f"a pupil with SEN provision {provision} needs a need type of rank 1")
    if len(needs) > 2:
        found.append("only two need types are ranked (1 and 2)")
    if len(set(needs)) != len(needs):
        found.append("the need of rank 2 must differ from the need of rank 1")
    if NO_SPECIALIST_ASSESSMENT in needs:
        if provision != Provision.SEN_SUPPORT:
            found.append("NSA is only for pupils on SEN support (K)")
        elif len(needs) > 1:
            found.append("NSA cannot be ranked with another need type")
    return found


class Term(StrEnum):
    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"


def census_term(census_date: date) -> Term:
    """The census a date belongs to: January to April spring, May to August summer, the rest autumn."""
    if census_date.month <= 4:
        return Term.SPRING
    if census_date.month <= 8:
        return Term.SUMMER
    return Term.AUTUMN


def term_label(census_date: date) -> str:
    return f"{census_term(census_date).value.capitalize()} {census_date.year}"


@dataclass(frozen=True, slots=True)
class Change:
    census_date: date
    before: Provision | None
    after: Provision


def changes(history: list[tuple[date, Provision]]) -> list[Change]:
    """The censuses at which a pupil's provision changed (the first census counts as a change from
    nothing), oldest first."""
    found, before = [], None
    for census_date, provision in sorted(history):
        if provision != before:
            found.append(Change(census_date, before, provision))
        before = provision
    return found


@dataclass(frozen=True, slots=True)
class Share:
    """A count of pupils out of all pupils, as the census counts them."""

    count: int
    pupils: int

    @property
    def percent(self) -> float | None:
        return None if not self.pupils else round(100 * self.count / self.pupils, 1)

    def __add__(self, other: "Share") -> "Share":
        return Share(self.count + other.count, self.pupils + other.pupils)


@dataclass(frozen=True, slots=True)
class SchoolShares:
    """One school's (or the area's) pupils at a census: on SEN support and with an EHC plan."""

    pupils: int
    sen_support: int
    ehc_plan: int

    @property
    def support_share(self) -> Share:
        return Share(self.sen_support, self.pupils)

    @property
    def plan_share(self) -> Share:
        return Share(self.ehc_plan, self.pupils)


def shares(provisions: list[str]) -> SchoolShares:
    return SchoolShares(
        len(provisions),
        sum(1 for p in provisions if p == Provision.SEN_SUPPORT),
        sum(1 for p in provisions if p == Provision.EHC_PLAN),
    )


def area(schools: list[SchoolShares]) -> SchoolShares:
    return SchoolShares(
        sum(s.pupils for s in schools),
        sum(s.sen_support for s in schools),
        sum(s.ehc_plan for s in schools),
    )


def difference_in_points(share: Share, published_percent: float | None) -> float | None:
    """Percentage points above (+) or below (-) a published figure."""
    if share.percent is None or published_percent is None:
        return None
    return round(share.percent - published_percent, 1)
