"""Preparing for adulthood: who must have it covered at review, and who is likely to need adult
social care.

Sources: SEND Regulations 2014 reg. 20(6) and 21(6) (reviews from Year 9 consider what provision
is needed to prepare for adulthood and independent living); SEND Code of Practice 2015 ch. 8
(8.9 the four outcomes; 8.56-8.59 transition assessments); Care Act 2014 s58-s59 (a transition
assessment for a child likely to have needs for care and support after turning 18); seed 001
recommendation 8 (understand the future cohort of young people who will need adult care).
"""

from dataclasses import dataclass

PFA_FROM_YEAR = 9
TRANSITION_YEARS = (11, 13)
ADULT_CARE_AGES = range(14, 18)
COMPLEX_NEEDS = frozenset({"PMLD", "SLD", "MSI"})


@dataclass(frozen=True, slots=True)
class YoungPerson:
    age: int
    primary_need: str = ""
    has_social_care_needs: bool = False
    has_social_care_provision: bool = False
    looked_after: bool = False
    child_in_need: bool = False


def review_must_cover_adulthood(nc_year: int) -> bool:
    return nc_year >= PFA_FROM_YEAR


def adult_social_care_reasons(person: YoungPerson) -> list[str]:
    """Why a young person aged 14 to 17 is likely to need adult social care (empty if not, or if
    outside those ages), so adult services can plan a transition assessment in time."""
    if person.age not in ADULT_CARE_AGES:
        return []
    reasons = []
    if person.has_social_care_provision:
        reasons.append("Receives social care provision in the plan (H1 or H2)")
    if person.has_social_care_needs:
        reasons.append("Has social care needs in the plan (section D)")
    if person.primary_need in COMPLEX_NEEDS:
        reasons.append("Severe, profound or multi-sensory needs")
    if person.looked_after:
        reasons.append("Looked after: will be a care leaver")
    if person.child_in_need:
        reasons.append("Known to children's social care as a child in need")
    return reasons
