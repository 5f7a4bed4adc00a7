"""A child's record turned into page-ready values (GOV.UK summary-list rows, labels)."""

from dataclasses import dataclass
from datetime import date

from tellonce.core.formatting import govuk_date
from tellonce.domain import codes
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
