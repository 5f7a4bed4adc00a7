from datetime import date

from django import forms

from tellonce.core.forms import DateField
from tellonce.domain import delivery as rules


class RecordForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was the provision delivered this half-term?",
        choices=[(o.value, rules.OUTCOME_LABELS[o]) for o in rules.Outcome],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the provision was delivered"},
    )
    delivered = forms.IntegerField(
        label="If partly delivered, how many sessions were delivered",
        required=False,
        min_value=0,
        max_value=1000,
        error_messages={
            "invalid": "Enter the number of sessions as a whole number, like 4",
            "min_value": "The number of sessions cannot be negative",
            "max_value": "The number of sessions must be 1,000 or fewer",
        },
    )
    reason = forms.ChoiceField(
        label="If not all delivered, why not",
        choices=[(r.value, rules.REASON_LABELS[r]) for r in rules.Reason],
        widget=forms.RadioSelect,
        required=False,
    )
    reason_text = forms.CharField(
        label="More about the reason (needed for another reason)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )


class ReportForm(forms.Form):
    text = forms.CharField(
        label="What was not received",
        help_text="For example, which sessions were missed and since when",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Enter what was not received",
            "max_length": "What was not received must be 2,000 characters or fewer",
        },
    )
    sessions_missed = forms.IntegerField(
        label="How many sessions were missed, if you know",
        required=False,
        min_value=1,
        max_value=500,
        error_messages={
            "invalid": "Enter the number of sessions as a whole number, like 3",
            "min_value": "The number of sessions missed must be from 1 to 500",
            "max_value": "The number of sessions missed must be from 1 to 500",
        },
    )


class FollowUpForm(forms.Form):
    action = forms.ChoiceField(
        label="What was done",
        choices=[(a.value, rules.ACTION_LABELS[a]) for a in rules.Action],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what was done"},
    )
    text = forms.CharField(
        label="Details",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "The details must be 2,000 characters or fewer"},
    )


class FrequencyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    words = forms.CharField(
        label="How often, in words",
        help_text="For example: weekly, 3 times a week for 30 minutes, termly, weekly for 6 weeks, "
        "a block of 6 sessions",
        max_length=300,
        error_messages={"required": "Enter how often the provision is delivered"},
    )


class EscalationForm(forms.Form):
    weeks = forms.IntegerField(
        label="Weeks of provision missed before the coordinator is asked to act",
        min_value=1,
        max_value=39,
        error_messages={
            "required": "Enter the number of weeks",
            "invalid": "Enter the number of weeks as a whole number, like 4",
            "min_value": "The number of weeks must be from 1 to 39",
            "max_value": "The number of weeks must be from 1 to 39",
        },
    )


class HalfTermsForm(forms.Form):
    """The first and last school day of each of a school year's six half-terms."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, school_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        for half_term in rules.england_half_terms(school_year):
            n, label = half_term.number, half_term.label
            for part, words in (("starts", "first school day"), ("ends", "last school day")):
                self.fields[f"{part}_{n}"] = DateField(
                    label=f"{label}: {words}",
                    help_text="For example, 3 9 2025" if n == 1 and part == "starts" else "",
                )

    def dates(self) -> dict[int, tuple[date, date]]:
        data = self.cleaned_data
        return {n: (data[f"starts_{n}"], data[f"ends_{n}"]) for n in range(1, 7)}


class RemoveHalfTermsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
