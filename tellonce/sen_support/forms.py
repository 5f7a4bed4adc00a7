"""The census upload, the matching queue and the SENCO's cycles, with the Design System's messages."""

from django import forms

from tellonce.core.forms import DatedForm, DatedVersionedForm, DateField, UploadField, text_field
from tellonce.core.uploads import Kind
from tellonce.sen_support.models import CycleOutcome


class CensusForm(forms.Form):
    setting = forms.ChoiceField(
        label="School",
        choices=[],
        error_messages={"required": "Choose the school", "invalid_choice": "Choose the school"},
    )
    file = UploadField(
        kinds=(Kind.CSV,),
        label="The school's census extract (CSV)",
        help_text="One school, one census day; the columns are in the guide to the format",
        error_messages={"required": "Choose the CSV file"},
    )


class MatchForm(forms.Form):
    row = forms.IntegerField(widget=forms.HiddenInput)
    upn = forms.CharField(
        label="The UPN on the child's record in Tellonce",
        max_length=20,
        required=False,
    )
    action = forms.ChoiceField(
        choices=[("match", "match"), ("set-aside", "set aside")], widget=forms.HiddenInput
    )


class CycleForm(DatedForm):
    started_on = DateField(label="Date the cycle started", required=True, not_in_future=True)
    assess = text_field("Assess: what was assessed, and what it showed", required=True)
    plan = text_field("Plan: the outcomes the pupil is working towards", required=True)
    do = text_field("Do: what is being done, by whom and how often", required=True)
    provision = text_field("Provision, with the hours", required=True)
    cost = forms.DecimalField(
        label="Cost for the cycle (£)",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the cost for the cycle",
            "invalid": "Cost must be an amount of money, like 450 or 450.50",
            "min_value": "Cost cannot be less than £0",
        },
    )
    review_by = DateField(label="Review by", required=True)


class ReviewForm(DatedVersionedForm):
    reviewed_on = DateField(label="Date of the review", required=True, not_in_future=True)
    review = text_field("Review: what progress was made towards the outcomes", required=True)
    outcome = forms.ChoiceField(
        label="Outcome of the review",
        choices=CycleOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the review"},
    )
