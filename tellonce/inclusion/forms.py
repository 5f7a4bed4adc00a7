from django import forms

from tellonce.core.forms import DateField, UploadField
from tellonce.core.uploads import Kind
from tellonce.domain import inclusion as rules
from tellonce.inclusion.models import ExtractKind, InclusionAction


class ExtractForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which extract",
        choices=ExtractKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which extract this is"},
    )
    term = forms.CharField(
        label="Term",
        help_text="Like 2025/26 autumn",
        max_length=30,
        error_messages={"required": "Enter the term the extract is for"},
    )
    file = UploadField(
        kinds=(Kind.CSV,),
        label="The extract (CSV)",
        help_text="Columns as docs/inclusion-import.md sets out. All or nothing: a file with any problem is not imported.",
        error_messages={"required": "Choose the CSV extract"},
    )

    def clean_term(self) -> rules.Term:
        try:
            return rules.Term.parse(self.cleaned_data["term"])
        except ValueError as bad:
            raise forms.ValidationError(str(bad)) from None


class MatchForm(forms.Form):
    upn = forms.CharField(widget=forms.HiddenInput)
    child_upn = forms.CharField(
        label="The child's UPN or NHS number as Tellonce holds it",
        max_length=20,
        error_messages={"required": "Enter the child's UPN or NHS number"},
    )


class ActionForm(forms.Form):
    what = forms.ChoiceField(
        label="What was done",
        choices=InclusionAction.What.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what was done"},
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False, max_length=2000)
    look_again_on = DateField(
        label="When to look again",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date to look again"},
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_look_again_on(self):
        day = self.cleaned_data["look_again_on"]
        if self.today and day < self.today:
            raise forms.ValidationError("The date to look again must be today or in the future")
        return day


class ThresholdForm(forms.Form):
    out_of_school_days = forms.IntegerField(
        label="School days out of school before a child with a plan is listed",
        min_value=1,
        max_value=190,
        error_messages={
            "required": "Enter a number of school days",
            "invalid": "Enter a whole number of school days",
            "min_value": "Enter at least 1 school day",
            "max_value": "Enter at most 190 school days (a school year)",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
