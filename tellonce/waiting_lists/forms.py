from django import forms

from tellonce.core.forms import UploadField
from tellonce.core.uploads import Kind
from tellonce.waiting_lists.models import SupportOffer, WaitReview


class ExtractForm(forms.Form):
    file = UploadField(
        kinds=(Kind.CSV,),
        label="Provider's extract (CSV)",
        error_messages={"required": "Choose the CSV extract"},
    )


class ReviewForm(forms.Form):
    need_rechecked = forms.BooleanField(label="The child's need has been re-checked", required=False)
    risk = forms.ChoiceField(
        label="Risk while waiting",
        choices=WaitReview.Risk.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk"},
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False, max_length=2000)


class SupportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Support offered",
        choices=SupportOffer.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the support offered"},
    )
    details = forms.CharField(label="Details (optional)", required=False, max_length=300)
    taken_up = forms.ChoiceField(
        label="Taken up", choices=[("", "Not known yet"), ("yes", "Yes"), ("no", "No")], required=False
    )

    def taken_up_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("taken_up") or "")


class ResolveForm(forms.Form):
    nhs_number = forms.CharField(
        label="The child's NHS number in Tellonce",
        max_length=20,
        error_messages={"required": "Enter the child's NHS number"},
    )
