"""An establishment in DfE's Get Information About Schools (GIAS) read as an education setting: its
phase and the year groups it teaches, from GIAS's establishment type, phase of education,
statutory ages and sixth form.

Sources: the GIAS "all establishment data" download (edubasealldataYYYYMMDD.csv) and the names it
publishes in "TypeOfEstablishment (name)", "PhaseOfEducation (name)", "EstablishmentStatus (name)"
and "OfficialSixthForm (name)" (docs/gias-import.md). GIAS records infant, junior and first schools
under the phase "Primary", so they are told apart by their ages; special schools, alternative
provision, colleges and independent schools by their type, whatever their phase ("Not applicable"
for most of them). Names are compared without regard to case or spacing.
"""

from dataclasses import dataclass

from tellonce.domain.education_settings import SettingPhase, SettingYears, years_from_ages
from tellonce.domain.school_years import NURSERY

P = SettingPhase

OPEN_STATUSES = frozenset({"open", "open, but proposed to close"})
NOT_OPEN_STATUSES = frozenset({"closed", "proposed to open"})

SIXTH_FORM = {
    "has a sixth form": True,
    "does not have a sixth form": False,
    "not applicable": False,
    "": False,
}

HIGHEST_AGE = 99  # colleges give 99 as the age of their oldest students


def normal(name: str) -> str:
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True, slots=True)
class EstablishmentType:
    """How Tellonce reads one of GIAS's establishment types: the phase it always means, or None
    where the phase of education decides; `is_setting` is False for establishments no child in
    England is on the roll of through a council (universities, schools overseas or in Wales)."""

    phase: SettingPhase | None
    is_setting: bool = True


_MAINSTREAM = EstablishmentType(None)
_NOT_A_SETTING = EstablishmentType(None, is_setting=False)

ESTABLISHMENT_TYPES = {
    normal(name): kind
    for name, kind in {
        "Community school": _MAINSTREAM,
        "Voluntary aided school": _MAINSTREAM,
        "Voluntary controlled school": _MAINSTREAM,
        "Foundation school": _MAINSTREAM,
        "City technology college": _MAINSTREAM,
        "Academy sponsor led": _MAINSTREAM,
        "Academy converter": _MAINSTREAM,
        "Free schools": _MAINSTREAM,
        "University technical college": _MAINSTREAM,
        "Studio schools": _MAINSTREAM,
        "Local authority nursery school": EstablishmentType(P.NURSERY),
        "Community special school": EstablishmentType(P.SPECIAL),
        "Foundation special school": EstablishmentType(P.SPECIAL),
        "Academy special converter": EstablishmentType(P.SPECIAL),
        "Academy special sponsor led": EstablishmentType(P.SPECIAL),
        "Free schools special": EstablishmentType(P.SPECIAL),
        "Other independent special school": EstablishmentType(P.SPECIAL),
        # A post-16 institution by its years (education_settings.SettingYears).
        "Special post 16 institution": EstablishmentType(P.SPECIAL),
        "Non-maintained special school": EstablishmentType(P.NON_MAINTAINED),
        "Pupil referral unit": EstablishmentType(P.ALTERNATIVE_PROVISION),
        "Academy alternative provision converter": EstablishmentType(P.ALTERNATIVE_PROVISION),
        "Academy alternative provision sponsor led": EstablishmentType(P.ALTERNATIVE_PROVISION),
        "Free schools alternative provision": EstablishmentType(P.ALTERNATIVE_PROVISION),
        # Education in secure children's homes and secure schools: provision away from school.
        "Secure units": EstablishmentType(P.ALTERNATIVE_PROVISION),
        "Academy secure 16 to 19": EstablishmentType(P.ALTERNATIVE_PROVISION),
        "Further education": EstablishmentType(P.FE_COLLEGE),
        "Sixth form centres": EstablishmentType(P.SIXTH_FORM_COLLEGE),
        "Academy 16-19 converter": EstablishmentType(P.SIXTH_FORM_COLLEGE),
        "Academy 16 to 19 sponsor led": EstablishmentType(P.SIXTH_FORM_COLLEGE),
        "Free schools 16 to 19": EstablishmentType(P.SIXTH_FORM_COLLEGE),
        "Other independent school": EstablishmentType(P.INDEPENDENT),
        "Higher education institutions": _NOT_A_SETTING,
        "Welsh establishment": _NOT_A_SETTING,
        "British schools overseas": _NOT_A_SETTING,
        "Offshore schools": _NOT_A_SETTING,
        "Service children's education": _NOT_A_SETTING,
        "Online provider": _NOT_A_SETTING,
        "Institution funded by other government department": _NOT_A_SETTING,
        "Miscellaneous": _NOT_A_SETTING,
        "Children's centre": _NOT_A_SETTING,
        "Children's centre linked site": _NOT_A_SETTING,
    }.items()
}

PHASES_OF_EDUCATION = {
    "nursery": P.NURSERY,
    "primary": P.PRIMARY,
    "middle deemed primary": P.MIDDLE,
    "middle deemed secondary": P.MIDDLE,
    "secondary": P.SECONDARY,
    "all-through": P.ALL_THROUGH,
    "16 plus": P.SIXTH_FORM_COLLEGE,
}


def establishment_type(name: str) -> EstablishmentType | None:
    """None for a type GIAS has not published (so far as Tellonce knows)."""
    return ESTABLISHMENT_TYPES.get(normal(name))


def is_open(status: str) -> bool | None:
    """Open, or open but proposed to close; None for a status GIAS has not published."""
    found = normal(status)
    if found in OPEN_STATUSES:
        return True
    return False if found in NOT_OPEN_STATUSES else None


def has_sixth_form(value: str) -> bool | None:
    return SIXTH_FORM.get(normal(value))


def phase_of(
    kind: EstablishmentType, phase_of_education: str, low_age: int, high_age: int
) -> SettingPhase | None:
    """The setting's phase; None if a school's phase of education is not one GIAS publishes (or is
    "Not applicable", which says nothing of a mainstream school's phase)."""
    if kind.phase is not None:
        return kind.phase
    phase = PHASES_OF_EDUCATION.get(normal(phase_of_education))
    if phase == P.PRIMARY:
        return primary_kind(*years_from_ages(low_age, high_age))
    return phase


def primary_kind(lowest: int, highest: int) -> SettingPhase:
    """An infant school ends at Year 2, a first school at Year 3, 4 or 5; a junior school starts at
    Year 3 or later and ends at Year 6; any other primary-phase school is a primary school."""
    if highest <= 2:
        return P.INFANT
    if highest <= 5:
        return P.FIRST
    return P.JUNIOR if lowest >= 3 and highest == 6 else P.PRIMARY


def age_problems(low_age: int, high_age: int) -> list[str]:
    found = []
    for name, age in (("StatutoryLowAge", low_age), ("StatutoryHighAge", high_age)):
        if not 0 <= age <= HIGHEST_AGE:
            found.append(f"{name} {age} is not an age from 0 to {HIGHEST_AGE}")
    if not found and low_age > high_age:
        found.append(f"StatutoryLowAge {low_age} is above StatutoryHighAge {high_age}")
    return found


def setting_years(phase: SettingPhase, low_age: int, high_age: int, sixth_form: bool) -> SettingYears:
    """The years a setting of `phase` with these statutory ages teaches. A nursery's statutory
    highest age is the age school becomes compulsory, not a Reception class, so it ends at Nursery;
    a setting GIAS says has a sixth form teaches at least to Year 13."""
    lowest, highest = years_from_ages(low_age, high_age)
    if phase == P.NURSERY:
        highest = min(highest, NURSERY)
        lowest = min(lowest, highest)
    if sixth_form:
        highest = max(highest, 13)
    return SettingYears(lowest, highest, sixth_form, phase)
