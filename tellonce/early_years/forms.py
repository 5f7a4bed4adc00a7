"""The notification health sends, and the early-years team's steps, each with the Design System's
messages."""

from django import forms

from tellonce.core.forms import DatedForm, DatedVersionedForm, DateField, VersionedForm, text_field
from tellonce.domain.identifiers import nhs_number_problem, normalise_postcode, postcode_problem
from tellonce.early_years.models import Outcome


class NotificationForm(DatedForm):
    given_name = text_field("Child's first name", required=True, max_length=100, lines=False)
    family_name = text_field("Child's last name", required=True, max_length=100, lines=False)
    date_of_birth = DateField(label="Date of birth", required=True, help_text="For example, 14 6 2024")
    nhs_number = text_field(
        "NHS number (optional)", max_length=12, lines=False, help_text="A 10 digit number, like 485 777 3456"
    )
    postcode = text_field("Postcode", required=True, max_length=8, lines=False)
    early_years_setting = text_field(
        "Nursery, childminder or early years setting (optional)", max_length=160, lines=False
    )
    concerns = text_field(
        "Why do you think the child has, or probably has, special educational needs or a disability?",
        required=True,
        help_text="What you found, and any diagnosis or referral already made",
    )
    parent_name = text_field("Parent or carer's name", required=True, max_length=200, lines=False)
    parent_phone = text_field("Parent or carer's phone number (optional)", max_length=40, lines=False)
    parent_email = forms.EmailField(
        label="Parent or carer's email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    parent_told_on = DateField(
        label="Date you told the parent or carer",
        not_in_future=True,
        help_text="Section 23 says you must tell the parent, and give them the chance to discuss it, first",
    )
    service_named = forms.BooleanField(
        label="I told the parent or carer about the SEND information, advice and support service",
        required=False,
    )
    parent_agrees_to_contact = forms.BooleanField(
        label="The parent or carer agreed that the early-years team may contact them", required=False
    )

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if value and (problem := nhs_number_problem(value)):
            raise forms.ValidationError(f"NHS number: {problem}")
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if problem := postcode_problem(value):
            raise forms.ValidationError(problem)
        return normalise_postcode(value)


class AcknowledgeForm(DatedVersionedForm):
    acknowledged_on = DateField(label="Date acknowledged", required=True, not_in_future=True)


class AllocateForm(VersionedForm):
    officer = forms.ChoiceField(
        label="Officer",
        choices=[],
        error_messages={"required": "Choose an officer", "invalid_choice": "Choose an officer"},
    )


class ContactForm(DatedVersionedForm):
    first_contact_on = DateField(
        label="Date of the first contact with the family", required=True, not_in_future=True
    )
    offered = text_field("What was offered to the family", required=True)


class OutcomeForm(DatedVersionedForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome", "invalid_choice": "Select the outcome"},
    )
    outcome_on = DateField(label="Date of the outcome", required=True, not_in_future=True)


class LinkForm(VersionedForm):
    child = forms.ChoiceField(
        label="Which child is this?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the child, or make a new record",
            "invalid_choice": "Select the child",
        },
    )


NEW_RECORD = "new"
