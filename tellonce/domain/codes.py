"""Statutory code lists used on the child record and in the SEN2 return.

Sources: DfE "SEN2 person level survey 2025: guide for local authorities" v1.4 (items 1.4, 2.2,
5.7c, 5.8a) and the Common Basic Data Set (CBDS) ethnicity codes; school census SEN provision
codes (N, K, E). See shared/domain/send-rules.md section 9.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CodeList:
    name: str
    entries: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.entries)

    def choices(self) -> list[tuple[str, str]]:
        return list(self.entries)

    def label_of(self, code: str) -> str:
        for known, label in self.entries:
            if known == code:
                return label
        raise KeyError(f"{code!r} is not a {self.name} code")


SEN_TYPE = CodeList(
    "SEN type",
    (
        ("SPLD", "Specific learning difficulty"),
        ("MLD", "Moderate learning difficulty"),
        ("SLD", "Severe learning difficulty"),
        ("PMLD", "Profound and multiple learning difficulty"),
        ("SEMH", "Social, emotional and mental health"),
        ("SLCN", "Speech, language and communication needs"),
        ("HI", "Hearing impairment"),
        ("VI", "Vision impairment"),
        ("MSI", "Multi-sensory impairment"),
        ("PD", "Physical disability"),
        ("ASD", "Autistic spectrum disorder"),
        ("DS", "Down syndrome"),
        ("OTH", "Other difficulty or disability"),
    ),
)

ETHNICITY = CodeList(
    "ethnicity",
    (
        ("WBRI", "White – British"),
        ("WIRI", "White – Irish"),
        ("WIRT", "Traveller of Irish heritage"),
        ("WOTH", "Any other White background"),
        ("WROM", "Gypsy or Roma"),
        ("MWBC", "White and Black Caribbean"),
        ("MWBA", "White and Black African"),
        ("MWAS", "White and Asian"),
        ("MOTH", "Any other mixed background"),
        ("AIND", "Indian"),
        ("APKN", "Pakistani"),
        ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"),
        ("BCRB", "Black Caribbean"),
        ("BAFR", "Black African"),
        ("BOTH", "Any other Black background"),
        ("CHNE", "Chinese"),
        ("OOTH", "Any other ethnic group"),
        ("REFU", "Information refused"),
        ("NOBT", "Information not yet obtained"),
    ),
)

# Stored values are Tellonce's; the school census letter for each is in SCHOOL_CENSUS_SEN.
SEN_STATUS = CodeList(
    "SEN status",
    (
        ("NONE", "No special educational needs"),
        ("SEN_SUPPORT", "SEN support"),
        ("EHC_PLAN", "EHC plan"),
    ),
)
SCHOOL_CENSUS_SEN = {"NONE": "N", "SEN_SUPPORT": "K", "EHC_PLAN": "E"}

SEX = CodeList("sex", (("M", "Male"), ("F", "Female")))

SEN_SETTING = CodeList(
    "SEN setting",
    (
        ("OLA", "Education arranged by the local authority (section 61)"),
        ("OPA", "Arranged by the parent or young person (section 42(5)), not home education"),
        ("EHE", "Elective home education"),
        ("EYP", "Early years provider with no URN"),
        ("OTH", "Other"),
        ("NEET", "Not in education, employment or training (16-25)"),
        ("NIEC", "Not in education or training: notice to cease issued"),
        ("NIEO", "Not in education or training: other"),
    ),
)

# SEN2 header items DMO, DCO and DSCO (send-rules.md section 9).
OFFICER_IN_POST = CodeList(
    "designated officer in post",
    (
        ("Y", "In post"),
        ("N", "Not in post"),
        ("R", "Recruitment in progress"),
    ),
)

REQUEST_SOURCE = CodeList(
    "request source",
    (
        ("1", "Young person or parent"),
        ("2", "School or education setting"),
        ("3", "Health professionals"),
        ("4", "Social care professionals"),
        ("5", "Other"),
    ),
)

# SEN2 item 1.7c: why a person has neither a UPN nor a ULN (2025 guide v1.4).
UPN_UNKNOWN = CodeList(
    "reason there is no UPN or ULN",
    (
        ("UN1", "Under 6 and no UPN given yet"),
        ("UN2", "Never attended a state school in England"),
        ("UN3", "Educated outside England"),
        ("UN5", "Differences between sources stop reliable matching"),
        ("UN8", "New to the council within a week of the end of the period"),
        ("UN9", "Never in a state school or further education in England, so no UPN or ULN"),
        ("UN10", "The request ended with no further action before a UPN or ULN was known"),
    ),
)

# SEN2 items 4.2 and 5.2 (PlanRes, Res): a residential placement.
RESIDENTIAL = CodeList(
    "residential placement",
    (
        ("A", "Residential for 38 to 51 weeks of the year"),
        ("B", "Residential for 52 weeks of the year"),
    ),
)

# SEN2 items 4.3 and 5.3 (PlanWBP, WBP): work-based learning.
WORK_BASED = CodeList(
    "work-based learning",
    (
        ("A", "Apprenticeship"),
        ("T", "Traineeship"),
        ("S", "Supported internship"),
    ),
)

# SEN2 item 4.4c (DP): what the direct payments cover.
DIRECT_PAYMENT = CodeList(
    "direct payments cover",
    (
        ("E", "Education"),
        ("S", "Social care"),
        ("H", "Health"),
        ("I", "Integrated: more than one of education, health and social care"),
    ),
)

# SEN2 item 4.7d / 5.7e (PlacementRank).
PLACEMENT_RANK = CodeList(
    "placement rank",
    (("1", "Main placement"), ("2", "Second placement (dual placement)")),
)
