"""The questions of an online request, one form a page, each with the Design System's messages."""

from decimal import Decimal

from django import forms

from tellonce.core import uploads
from tellonce.core.forms import DatedForm, DateField, UploadField, VersionedForm, text_field
from tellonce.domain.identifiers import (
    nhs_number_problem,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_problem,
    upn_problem,
)
from tellonce.front_door.models import FamilyConsent

EVIDENCE = (uploads.Kind.PDF, uploads.Kind.DOCX)
SOMEONE_ELSE = "someone-else"
YES_NO = [("yes", "Yes"), ("no", "No")]


def _radios(label: str, choices, *, message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


class CouncilChoiceForm(forms.Form):
    council = _radios(
        "Which council should receive the request?",
        [],
        message="Select a council",
        help_text="The council for the area where the child or young person lives",
    )


class WhoForm(VersionedForm):
    child = _radios(
        "Who is the request about?", [], message="Select the child or young person, or someone else"
    )


class NameForm(VersionedForm):
    given_name = text_field("First name", required=True, max_length=100, lines=False)
    family_name = text_field("Last name", required=True, max_length=100, lines=False)


class DateOfBirthForm(DatedForm, VersionedForm):
    date_of_birth = DateField(
        label="Date of birth", required=True, not_in_future=True, help_text="For example, 27 3 2015"
    )


class IdentifiersForm(VersionedForm):
    nhs_number = text_field(
        "NHS number (optional)",
        max_length=12,
        lines=False,
        help_text="A 10 digit number, like 485 777 3456. You can find it on any letter from the NHS",
    )
    upn = text_field(
        "Unique pupil number (UPN) (optional)",
        max_length=13,
        lines=False,
        help_text="13 characters, starting with a letter. The school can tell you it",
    )

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if value and (problem := nhs_number_problem(value)):
            raise forms.ValidationError(problem)
        return normalise_nhs_number(value) if value else ""

    def clean_upn(self):
        value = self.cleaned_data["upn"].strip()
        if value and (problem := upn_problem(value)):
            raise forms.ValidationError(problem)
        return normalise_upn(value) if value else ""


class AddressForm(VersionedForm):
    address = text_field("Address", required=True, max_length=500, help_text="Where the child lives")
    postcode = text_field("Postcode", required=True, max_length=10, lines=False)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if problem := postcode_problem(value):
            raise forms.ValidationError(problem)
        return normalise_postcode(value)


class SettingForm(VersionedForm):
    current_setting = text_field(
        "Current school, college or nursery (optional)",
        max_length=160,
        lines=False,
        help_text="Leave blank if they do not go to one",
    )


class ReasonForm(VersionedForm):
    reason = text_field(
        "Why are you asking for an assessment?",
        required=True,
        help_text="What the child or young person finds hard, and why the help they have is not enough",
    )


class SupportForm(VersionedForm):
    support_tried = text_field(
        "What support has been tried?",
        help_text="For example, help in class, speech and language therapy, a reduced timetable",
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_tried"].required = required


class CycleForm(DatedForm, VersionedForm):
    started_on = DateField(label="When the cycle started", required=True, not_in_future=True)
    assess = text_field("Assess: what you found out about their needs", required=True)
    plan = text_field("Plan: the support and outcomes you agreed", required=True)
    do = text_field("Do: what was provided, by whom and how often", required=True)
    review = text_field("Review: what difference it made", required=True)
    provision = text_field("Provision", required=True, help_text="For example, 1:1 reading 3 times a week")
    cost = forms.DecimalField(
        label="Cost of the cycle, in pounds",
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the cost of the cycle",
            "invalid": "The cost must be an amount of money, like 1250 or 1250.50",
            "min_value": "The cost must be 0 or more",
            "max_digits": "The cost must be less than £10,000,000",
            "max_decimal_places": "The cost must have no more than 2 numbers after the decimal point",
        },
    )


class EvidenceForm(VersionedForm):
    file = UploadField(
        label="Upload a file",
        kinds=EVIDENCE,
        error_messages={"required": "Select a file"},
    )
    description = text_field(
        "What is it? (optional)", max_length=200, lines=False, help_text="For example, speech therapy report"
    )


class ViewsForm(VersionedForm):
    family_views = text_field(
        "What does the family think?",
        required=True,
        help_text="The child's or young person's views and their family's: what matters to them, "
        "what they hope for",
    )


class FamilyForm(VersionedForm):
    parent_name = text_field("Parent or carer's full name", required=True, max_length=200, lines=False)
    parent_email = forms.EmailField(
        label="Their email address",
        help_text="We will tell them about the request",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class FamilyConsentForm(VersionedForm):
    family_consent = _radios(
        "Did the family agree to the request?",
        FamilyConsent.choices,
        message="Select whether the family agreed to the request",
    )
    consent_how = text_field(
        "How was their agreement recorded?",
        max_length=300,
        lines=False,
        help_text="For example, signed form at a meeting on 3 November",
    )

    def clean(self):
        data = super().clean()
        if data.get("family_consent") == FamilyConsent.YES and not data.get("consent_how", "").strip():
            self.add_error("consent_how", "Enter how the family's agreement was recorded")
        return data


class LanguageForm(VersionedForm):
    first_language = text_field("First language at home", required=True, max_length=60, lines=False)
    interpreter_needed = _radios(
        "Does the family need an interpreter?",
        YES_NO,
        message="Select yes if the family needs an interpreter",
    )
    interpreter_language = text_field(
        "If yes, which language?", max_length=60, lines=False, help_text="Including British Sign Language"
    )

    def clean(self):
        data = super().clean()
        if data.get("interpreter_needed") == "yes" and not data.get("interpreter_language", "").strip():
            self.add_error("interpreter_language", "Enter the language the interpreter should speak")
        return data


class ConsentForm(VersionedForm):
    consent_to_share = forms.BooleanField(
        label="I agree that the council may share this request with the people it asks for advice "
        "(the school, health and social care)",
        error_messages={"required": "Confirm that the council may share the request"},
    )


class SubmitForm(VersionedForm):
    pass


class CheckForm(VersionedForm):
    """The council's check: which known child the request is about, or a new record."""

    child = _radios(
        "Is the request about a child the council already knows?",
        [],
        message="Select the matching child, or that none of them is the child",
    )
