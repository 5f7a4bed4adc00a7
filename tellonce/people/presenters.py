"""A child's record turned into page-ready values (GOV.UK summary-list rows, labels)."""

from dataclasses import dataclass
from datetime import date

from tellonce.core.formatting import govuk_date
from tellonce.domain import codes, decisions
from tellonce.domain.identifiers import format_nhs_number


def need_label(code: str) -> str:
    return codes.SEN_TYPE.label_of(code) if code else "Not recorded"


def sen_status_label(code: str) -> str:
    return codes.SEN_STATUS.label_of(code)


def _rows(pairs) -> list[dict]:
    return [{"key": {"text": key}, "value": {"text": value or "Not recorded"}} for key, value in pairs]


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


@dataclass(frozen=True)
class ChildSummary:
    child: object
    today: date

    @property
    def name(self) -> str:
        return self.child.full_name

    @property
    def nc_year(self) -> str:
        return self.child.nc_year_on(self.today).label

    @property
    def age(self) -> int:
        return self.child.age_on(self.today)

    def personal_rows(self) -> list[dict]:
        c = self.child
        return _rows(
            [
                ("Name", f"{c.given_name} {c.family_name}"),
                ("Known as", c.preferred_name),
                ("Date of birth", f"{govuk_date(c.date_of_birth)} (age {self.age})"),
                ("NHS number", format_nhs_number(c.nhs_number) if c.nhs_number else ""),
                ("UPN", c.upn),
                ("Sex", c.get_sex_display()),
                ("Gender", c.gender),
                ("Ethnicity", c.get_ethnicity_display()),
                ("First language", c.first_language),
                ("Postcode", c.postcode),
                ("Email address", c.email),
                ("Locality", str(c.locality or "")),
            ]
        )

    def education_rows(self) -> list[dict]:
        c = self.child
        setting = c.setting
        return _rows(
            [
                (
                    "Current setting",
                    f"{setting} ({setting.get_setting_type_display()})" if setting else "No setting",
                ),
                ("Moving to", str(c.next_setting) if c.next_setting_id else "Not known, or staying on"),
                ("Year group", self.nc_year + (" (set by hand)" if c.nc_year_override is not None else "")),
                ("SEN status", sen_status_label(c.sen_status)),
                ("Primary need", need_label(c.primary_need)),
                ("Secondary need", need_label(c.secondary_need) if c.secondary_need else "None"),
                ("EHC coordinator", str(c.coordinator or "Not allocated")),
            ]
        )

    def care_rows(self) -> list[dict]:
        c = self.child
        return _rows(
            [
                ("Looked after", _yes_no(c.looked_after)),
                ("Child in need", _yes_no(c.child_in_need)),
                ("Child protection plan", _yes_no(c.child_protection)),
            ]
        )


def family_rows(member) -> list[dict]:
    needs = []
    if member.interpreter_language:
        needs.append(f"Interpreter: {member.interpreter_language}")
    if member.accessible_format:
        needs.append(member.get_accessible_format_display())
    return _rows(
        [
            ("Relationship", member.get_relationship_display()),
            ("Parental responsibility", _yes_no(member.parental_responsibility)),
            ("Contact by", member.get_contact_by_display()),
            ("Email", member.email),
            ("Phone", member.phone),
            ("Communication needs", ", ".join(needs) or "None"),
        ]
    )


@dataclass(frozen=True)
class WhoDecides:
    """Whose decision it is, and whether a parent sees the record, in words (domain.decisions)."""

    child: object
    today: date

    @property
    def maker(self) -> decisions.DecisionMaker:
        return self.child.decisions_by(self.today)

    @property
    def parent_sees(self) -> bool:
        return self.child.parent_sees_record(self.today)

    def why(self) -> str:
        leaving = govuk_date(decisions.school_leaving_date(self.child.date_of_birth))
        match self.maker:
            case decisions.DecisionMaker.PARENT:
                return f"They are of compulsory school age until {leaving}: their parent decides and sees the record."
            case decisions.DecisionMaker.REPRESENTATIVE:
                return (
                    f"Their compulsory school age ended on {leaving}, but they lack capacity: their parent "
                    "decides as their representative and sees the record."
                )
        agreed = "has agreed" if self.child.agrees_parent_sees else "has not agreed"
        return (
            f"Their compulsory school age ended on {leaving}, so they decide for themselves. They {agreed} "
            f"that their parent sees the record, so their parent {'sees' if self.parent_sees else 'does not see'} it."
        )

    def rows(self) -> list[dict]:
        c = self.child
        capacity = "No, or not assessed"
        if c.lacks_capacity:
            capacity = f"Yes, assessed by {c.capacity_assessed_by} on {govuk_date(c.capacity_assessed_on)}"
        agreed = "No, or not asked"
        if c.agrees_parent_sees:
            agreed = f"Yes, on {govuk_date(c.agreement_recorded_on)}" if c.agreement_recorded_on else "Yes"
        return _rows(
            [
                ("Decisions made by", self.maker.label),
                ("Parent sees the record", _yes_no(self.parent_sees)),
                ("Lacks capacity", capacity),
                ("Agrees that their parent sees the record", agreed),
            ]
        )
