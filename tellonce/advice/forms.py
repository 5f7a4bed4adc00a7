from django import forms

from tellonce.advice.models import AdviceException
from tellonce.core import forms as govuk
from tellonce.core import uploads

DOCUMENTS = (uploads.Kind.PDF, uploads.Kind.DOCX)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several documents in one field (Django's documented pattern), each checked by its contents
    (core/uploads.py); every file's problem is shown, each naming its file."""

    def __init__(self, *args, kinds, **kwargs):
        self.kinds = kinds
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        problems = []
        for upload in cleaned:
            try:
                uploads.check(upload, self.kinds)
            except uploads.UploadRefused as refused:
                problems.append(refused.about(upload.name))
        if problems:
            raise forms.ValidationError(problems)
        return cleaned


class SubmissionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    needs = forms.CharField(
        label="The child or young person's needs",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Describe the child or young person's needs"},
    )
    outcomes = forms.CharField(
        label="Outcomes you recommend",
        widget=forms.Textarea,
        max_length=20000,
        help_text="What they should be able to do, and by when",
        error_messages={"required": "Enter the outcomes you recommend"},
    )
    assessed_on = govuk.DateField(
        label="Date of your assessment (optional)",
        required=False,
        not_in_future=True,
        help_text="The day you last assessed or saw the child or young person",
    )
    documents = MultipleFileField(label="Reports (optional)", required=False, kinds=DOCUMENTS)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].today = today
        largest = uploads.limit_bytes(uploads.Kind.PDF) / (1024 * 1024)
        self.fields["documents"].help_text = f"PDF or Word (.docx) documents, each smaller than {largest:g}MB"


MISSING = {
    "what": "Enter what the provision is",
    "who": "Enter who delivers it",
    "how_often": "Enter how often it happens",
    "how_long": "Enter how long it lasts",
}


class ProvisionForm(forms.Form):
    what = forms.CharField(label="What", max_length=300, required=False)
    who = forms.CharField(label="Who delivers it (role and qualification)", max_length=160, required=False)
    how_often = forms.CharField(
        label="How often", max_length=100, required=False, help_text="For example, weekly"
    )
    how_long = forms.CharField(
        label="For how long",
        max_length=100,
        required=False,
        help_text="For example, 45 minutes a session for 2 terms",
    )

    def clean(self):
        data = super().clean()
        filled = [name for name in MISSING if data.get(name)]
        if filled and len(filled) < len(MISSING):
            for name, message in MISSING.items():
                if not data.get(name):
                    self.add_error(name, message)
        return data


ProvisionFormSet = forms.formset_factory(ProvisionForm, extra=3, max_num=10)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[("accept", "Accept the advice"), ("return", "Return it as not fit for purpose")],
        error_messages={"required": "Select whether to accept or return the advice"},
    )
    reasons = forms.CharField(
        label="Reasons for returning it",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="The adviser sees these and can resubmit",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("reasons", "").strip():
            self.add_error("reasons", "Enter the reasons for returning the advice")
        return data


class ExceptionForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reason",
        widget=forms.RadioSelect,
        choices=AdviceException._meta.get_field("reason").choices,
        error_messages={"required": "Select the reason"},
    )
    starts_on = govuk.DateField(label="Date it started", not_in_future=True)
    ends_on = govuk.DateField(label="Date it ended (leave blank if it has not ended)", required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].today = today

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Date it ended must be the same as or after the date it started")
        return data


class TimelinessForm(forms.Form):
    group = forms.ChoiceField(
        label="Group by",
        required=False,
        choices=[("provider", "Provider"), ("service", "Service"), ("month", "Month requested")],
    )
    service = forms.ChoiceField(label="Service", required=False)
