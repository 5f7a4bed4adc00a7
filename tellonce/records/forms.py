from django import forms

from tellonce.core.forms import text_field


class SubjectAccessForm(forms.Form):
    asked_by = text_field(
        "Who asked for the record",
        required=True,
        lines=False,
        max_length=200,
        help_text="Their name and how they are related to the child, for example: Sam Jones, parent",
    )


class HoldForm(forms.Form):
    reason = text_field(
        "Why the record must be kept",
        required=True,
        max_length=300,
        help_text="For example: a claim against the council, an Ombudsman complaint, a police request",
    )


class ReleaseForm(forms.Form):
    reason = text_field("Why the hold can be released", required=True, max_length=300)


class DisposeForm(forms.Form):
    confirm = forms.BooleanField(
        label="I confirm that these records are to be disposed of now. This cannot be undone.",
        required=True,
        error_messages={"required": "Confirm that the records are to be disposed of"},
    )
