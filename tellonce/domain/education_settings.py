"""Education settings as the phase-transfer rules see them: the kind of setting (its phase), the year
groups it teaches, whether it has a sixth form, and whether it is a post-16 institution.

Sources: SEND Regulations 2014 reg. 2 ("transfer between phases of education" names early years,
infant, junior, primary, middle and secondary schools and post-16 institutions); CFA 2014 s83 (a
"post-16 institution" is not a school, so a school's sixth form is not one); DfE "Get Information
About Schools" (GIAS): StatutoryLowAge and StatutoryHighAge, the ages of the youngest and oldest
pupils a setting may take; DfE national curriculum year groups (school_years: a child is 4 on
1 September of Reception and turns 11 during Year 6). Year groups are those of school_years:
NURSERY is -1, RECEPTION 0, and POST_19 (14) stands for every year after Year 13.
"""

from dataclasses import dataclass
from enum import StrEnum

from tellonce.domain.school_years import LAST_SCHOOL_YEAR, NURSERY, RECEPTION

POST_19 = LAST_SCHOOL_YEAR + 1
EARLIEST_YEAR = NURSERY - 3  # a baby under 1 on 1 September
FIRST_POST_16_YEAR = 12


class SettingPhase(StrEnum):
    """The kind of setting: its stage of education, or, where the stage says too little, the kind of
    provision (special, alternative, independent, non-maintained), whose years then say the rest."""

    NURSERY = "nursery"
    INFANT = "infant"
    FIRST = "first"
    JUNIOR = "junior"
    PRIMARY = "primary"
    MIDDLE = "middle"
    SECONDARY = "secondary"
    ALL_THROUGH = "all_through"
    SPECIAL = "special"
    ALTERNATIVE_PROVISION = "alternative_provision"
    FE_COLLEGE = "fe_college"
    SIXTH_FORM_COLLEGE = "sixth_form_college"
    INDEPENDENT = "independent"
    NON_MAINTAINED = "non_maintained"


PHASE_LABELS = {
    SettingPhase.NURSERY: "Nursery or early years provider",
    SettingPhase.INFANT: "Infant school",
    SettingPhase.FIRST: "First school",
    SettingPhase.JUNIOR: "Junior school",
    SettingPhase.PRIMARY: "Primary school",
    SettingPhase.MIDDLE: "Middle school",
    SettingPhase.SECONDARY: "Secondary school",
    SettingPhase.ALL_THROUGH: "All-through school",
    SettingPhase.SPECIAL: "Special school",
    SettingPhase.ALTERNATIVE_PROVISION: "Alternative provision",
    SettingPhase.FE_COLLEGE: "Further education college",
    SettingPhase.SIXTH_FORM_COLLEGE: "Sixth-form college",
    SettingPhase.INDEPENDENT: "Independent school",
    SettingPhase.NON_MAINTAINED: "Non-maintained special school",
}

# Post-16 institutions whatever years they record (CFA 2014 s83); any setting whose youngest
# students are in Year 12 or later is one too.
POST_16_PHASES = frozenset({SettingPhase.FE_COLLEGE, SettingPhase.SIXTH_FORM_COLLEGE})


@dataclass(frozen=True, slots=True)
class SettingYears:
    """What a setting teaches: its lowest and highest year groups, whether it has a sixth form,
    and its phase where known."""

    lowest: int
    highest: int
    sixth_form: bool = False
    phase: SettingPhase | None = None

    @property
    def teaches_post_16(self) -> bool:
        """Whether a Year 11 pupil can stay on here for Year 12."""
        return self.sixth_form or self.highest >= FIRST_POST_16_YEAR

    @property
    def is_post_16_institution(self) -> bool:
        return self.phase in POST_16_PHASES or self.lowest >= FIRST_POST_16_YEAR


# The years a setting of each phase most often teaches: a starting point where nothing better is
# known (a setting recorded before its years were, a test), never a rule.
TYPICAL_YEARS = {
    SettingPhase.NURSERY: SettingYears(NURSERY - 1, NURSERY),
    SettingPhase.INFANT: SettingYears(RECEPTION, 2),
    SettingPhase.FIRST: SettingYears(RECEPTION, 4),
    SettingPhase.JUNIOR: SettingYears(3, 6),
    SettingPhase.PRIMARY: SettingYears(RECEPTION, 6),
    SettingPhase.MIDDLE: SettingYears(5, 8),
    SettingPhase.SECONDARY: SettingYears(7, 11),
    SettingPhase.ALL_THROUGH: SettingYears(RECEPTION, 13, sixth_form=True),
    SettingPhase.SPECIAL: SettingYears(RECEPTION, POST_19),
    SettingPhase.ALTERNATIVE_PROVISION: SettingYears(7, 11),
    SettingPhase.FE_COLLEGE: SettingYears(FIRST_POST_16_YEAR, POST_19),
    SettingPhase.SIXTH_FORM_COLLEGE: SettingYears(FIRST_POST_16_YEAR, 13),
    SettingPhase.INDEPENDENT: SettingYears(RECEPTION, 13, sixth_form=True),
    SettingPhase.NON_MAINTAINED: SettingYears(RECEPTION, POST_19),
}

# The years a setting of each phase can plausibly teach: an infant school never teaches Year 5, a
# sixth-form college never Reception. Phases named for their provision can teach any years.
_ANY = (EARLIEST_YEAR, POST_19)
PHASE_YEAR_BOUNDS = {
    SettingPhase.NURSERY: (EARLIEST_YEAR, RECEPTION),
    SettingPhase.INFANT: (NURSERY - 1, 3),
    SettingPhase.FIRST: (NURSERY - 1, 5),
    SettingPhase.JUNIOR: (2, 7),
    SettingPhase.PRIMARY: (EARLIEST_YEAR, 8),
    SettingPhase.MIDDLE: (3, 9),
    SettingPhase.SECONDARY: (5, POST_19),
    SettingPhase.ALL_THROUGH: _ANY,
    SettingPhase.SPECIAL: _ANY,
    SettingPhase.ALTERNATIVE_PROVISION: _ANY,
    SettingPhase.FE_COLLEGE: (9, POST_19),
    SettingPhase.SIXTH_FORM_COLLEGE: (11, POST_19),
    SettingPhase.INDEPENDENT: _ANY,
    SettingPhase.NON_MAINTAINED: _ANY,
}


def year_label(year: int) -> str:
    if year < NURSERY:
        return "Early years"
    if year == NURSERY:
        return "Nursery"
    if year == RECEPTION:
        return "Reception"
    return f"Year {year}" if year < POST_19 else "Post-19"


def years_problems(years: SettingYears) -> list[str]:
    """Why a setting could not teach these years, as sentences; none if it could."""
    found = []
    if not EARLIEST_YEAR <= years.lowest <= POST_19 or not EARLIEST_YEAR <= years.highest <= POST_19:
        found.append(f"Year groups run from {year_label(EARLIEST_YEAR).lower()} to post-19")
    elif years.lowest > years.highest:
        found.append(
            f"The lowest year group ({year_label(years.lowest)}) is after the highest "
            f"({year_label(years.highest)})"
        )
    if years.sixth_form and years.highest < FIRST_POST_16_YEAR:
        found.append(f"A setting with a sixth form teaches Year 12, not only to {year_label(years.highest)}")
    if years.phase is not None and not found:
        low, high = PHASE_YEAR_BOUNDS[years.phase]
        if years.lowest < low or years.highest > high:
            found.append(
                f"{PHASE_LABELS[years.phase]}s do not teach {year_label(years.lowest)} to "
                f"{year_label(years.highest)}"
            )
    return found


def years_from_ages(low_age: int, high_age: int) -> tuple[int, int]:
    """The lowest and highest year groups of a setting whose pupils are `low_age` to `high_age`, as
    GIAS gives its statutory ages: the youngest are that age on 1 September (4 in Reception), the
    oldest reach that age during their last year (11 in Year 6, 16 in Year 11). Colleges give 99 as
    their highest age: every year after Year 13 is POST_19. A setting of one age teaches one year."""
    lowest = min(max(low_age - 4, EARLIEST_YEAR), POST_19)
    highest = min(max(high_age - 5, EARLIEST_YEAR), POST_19)
    return lowest, max(highest, lowest) if low_age <= high_age else highest
