from django import forms

from tellonce.advice.models import SERVICE_CHOICES
from tellonce.assessments.models import Kind, RequestSource
from tellonce.core import forms as govuk
from tellonce.domain import timescales
from tellonce.organisations.models import Setting, Team


class RequestForm(govuk.DatedForm):
    requested_by = forms.ChoiceField(
        label="Who asked for the assessment",
        choices=RequestSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who asked for the assessment"},
    )
    received_on = govuk.DateField(
        label="Date the council received the request",
        not_in_future=True,
        help_text="Or the date the council became responsible for the child. For example, 3 11 2026",
    )
    kind = forms.ChoiceField(
        label="Type of assessment", choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.INITIAL
    )
    brought_to_attention = forms.BooleanField(
        label="The child was brought to the council's attention (no request was made)", required=False
    )


VersionedStep = govuk.DatedVersionedForm


class DecisionForm(VersionedStep):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            ("assess", "Carry out an EHC needs assessment"),
            ("refuse", "Do not carry out an assessment"),
        ],
        error_messages={"required": "Select the decision"},
    )
    notified_on = govuk.DateField(label="Date the family was told", not_in_future=True)


class DraftForm(VersionedStep):
    served_on = govuk.DateField(
        label="Date the draft plan was sent to the family",
        not_in_future=True,
        help_text="This is day 1 of the family's 15 days to respond",
    )


class NotToIssueForm(VersionedStep):
    notified_on = govuk.DateField(label="Date the family was told no plan will be issued", not_in_future=True)


class FinalForm(VersionedStep):
    issued_on = govuk.DateField(label="Date the final plan was issued", not_in_future=True)


class WithdrawForm(VersionedStep):
    withdrawn_on = govuk.DateField(label="Date the request was withdrawn", not_in_future=True)
    reason = forms.CharField(label="Reason", max_length=200, error_messages={"required": "Enter the reason"})


class ReturnDetailsForm(VersionedStep):
    """SEN2 items 2.3 (RYA) and 2.8 (Exported)."""

    youth_accommodation = forms.BooleanField(
        label="The request was made while they were in relevant youth accommodation (detained)",
        required=False,
    )
    exported_to = forms.CharField(
        label="Council they moved to before the assessment finished (optional)",
        required=False,
        max_length=3,
        help_text="That council's 3-digit LA code, for example 886. Leave blank if they did not move",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )

    @staticmethod
    def initial_from(case) -> dict:
        return {"youth_accommodation": case.youth_accommodation, "exported_to": case.exported_to}


class NamedSettingForm(VersionedStep):
    setting_name = forms.CharField(
        label="School or college the family asked for",
        max_length=160,
        error_messages={"required": "Enter the school or college"},
    )


class ExceptionForm(govuk.DatedForm):
    reason = forms.ChoiceField(
        label="Exception",
        widget=forms.RadioSelect,
        choices=[(r.value, timescales.EXCEPTION_LABELS[r]) for r in timescales.ExceptionReason],
        error_messages={"required": "Select the exception that applies"},
    )
    starts_on = govuk.DateField(label="Date it started", not_in_future=True)
    ends_on = govuk.DateField(label="Date it ended (leave blank if it has not ended)", required=False)
    note = forms.CharField(label="Details (optional)", max_length=300, required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Date it ended must be the same as or after the date it started")
        return data


class AdviceForm(govuk.DatedForm):
    service = forms.ChoiceField(
        label="Service asked for advice",
        choices=SERVICE_CHOICES,
        error_messages={"required": "Select the service"},
    )
    team = forms.ModelChoiceField(
        label="Team (optional)",
        queryset=Team.objects.none(),
        required=False,
        help_text="Leave blank to ask the council's team for that service",
    )
    requested_on = govuk.DateField(
        label="Date the service received the request",
        not_in_future=True,
        help_text="Advice is due 6 weeks after this date",
    )
    questions = forms.CharField(
        label="What the advice should cover (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
    )

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(local_authority_id=local_authority_id)

    def clean(self):
        data = super().clean()
        team = data.get("team")
        if team and data.get("service") not in (team.service, "education_setting"):
            self.add_error(
                "team", f"{team} does not provide {dict(SERVICE_CHOICES).get(data.get('service'))}"
            )
        return data


class ConsultForm(govuk.DatedForm):
    setting = forms.ModelChoiceField(
        label="School or college consulted",
        queryset=Setting.objects.none(),
        error_messages={"required": "Select the school or college"},
    )
    sent_on = govuk.DateField(label="Date the consultation was sent", not_in_future=True)

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = Setting.objects.filter(local_authority_id=local_authority_id)


class CaseloadFilterForm(forms.Form):
    coordinator = forms.ChoiceField(label="EHC coordinator", required=False)
    stage = forms.ChoiceField(label="Stage", required=False)
    locality = forms.ChoiceField(label="Locality", required=False)
    status = forms.ChoiceField(label="Status", required=False)
