"""Forms for mediation, appeals and the Tribunal's orders. What a mediation or appeal is about is
one choice among the child's own assessments, plans and decisions to cease, offered by the view."""

from django import forms

from tellonce.appeals.models import GROUND_CHOICES, AppealOutcome, MediationOutcome
from tellonce.core import forms as govuk
from tellonce.domain import appeals as rules

MAX_TEXT = 5000


def _notes():
    return govuk.text_field("Notes", max_length=MAX_TEXT)


def _ground():
    return forms.ChoiceField(
        label="What is it about?",
        choices=GROUND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what it is about", "invalid_choice": "Select what it is about"},
    )


class AboutForm(govuk.DatedForm):
    """The decision and the record it is about: `records` is [(value, label)] of the child's
    assessments, plans and ceasings, with values "assessment:<id>", "plan:<id>", "ceasing:<id>"."""

    def __init__(self, *args, records: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [("", "None of these"), *records]

    ground = _ground()
    about = forms.ChoiceField(
        label="Which record is the decision in?",
        required=False,
        error_messages={"invalid_choice": "Select one of this child's records"},
    )
    decision_on = govuk.DateField(label="Date the decision notice was sent", not_in_future=True)

    def linked(self) -> dict[str, str]:
        """{"assessment": id} or {"plan": id} or {"ceasing": id}, or nothing."""
        chosen = self.cleaned_data.get("about") or ""
        kind, _, pk = chosen.partition(":")
        return {kind: pk} if pk else {}


class MediationForm(AboutForm):
    contacted_on = govuk.DateField(
        label="Date the family contacted the mediation adviser", required=False, not_in_future=True
    )
    notes = _notes()


class MediationUpdateForm(govuk.DatedVersionedForm):
    contacted_on = govuk.DateField(
        label="Date the family contacted the mediation adviser", required=False, not_in_future=True
    )
    certificate_kind = forms.ChoiceField(
        label="What does the certificate say?",
        required=False,
        choices=[("", "No certificate yet")]
        + [(k.value, rules.CERTIFICATE_LABELS[k]) for k in rules.CertificateKind],
        widget=forms.RadioSelect,
    )
    certificate_on = govuk.DateField(
        label="Date the certificate was issued", required=False, not_in_future=True
    )
    held_on = govuk.DateField(label="Date mediation was held", required=False, not_in_future=True)
    outcome = forms.ChoiceField(
        label="Outcome of the mediation",
        required=False,
        choices=[("", "Not held yet"), *MediationOutcome.choices],
        widget=forms.RadioSelect,
    )
    notes = _notes()


class AppealForm(AboutForm):
    def __init__(self, *args, mediations: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediation"].choices = [("", "No mediation certificate"), *mediations]

    sections = forms.MultipleChoiceField(
        label="Sections appealed (for an appeal about what the plan says)",
        required=False,
        choices=[(s, f"Section {s}") for s in rules.APPEALABLE_SECTIONS],
        widget=forms.CheckboxSelectMultiple,
    )
    mediation = forms.ChoiceField(
        label="Mediation certificate", required=False, error_messages={"invalid_choice": "Select a mediation"}
    )
    tribunal_ref = forms.CharField(label="The Tribunal's reference", required=False, max_length=40)
    registered_on = govuk.DateField(label="Date the Tribunal registered the appeal", not_in_future=True)
    response_due_on = govuk.DateField(
        label="Date the council's response is due",
        required=False,
        help_text="The Tribunal sets it in its letter registering the appeal",
    )
    notes = _notes()


class AppealUpdateForm(govuk.DatedVersionedForm):
    tribunal_ref = forms.CharField(label="The Tribunal's reference", required=False, max_length=40)
    response_due_on = govuk.DateField(label="Date the council's response is due", required=False)
    response_sent_on = govuk.DateField(
        label="Date the council sent its response", required=False, not_in_future=True
    )
    hearing_on = govuk.DateField(label="Date of the hearing", required=False)
    decided_on = govuk.DateField(
        label="Date the appeal was decided, withdrawn or conceded", required=False, not_in_future=True
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=[("", "Not decided yet"), *AppealOutcome.choices],
        widget=forms.RadioSelect,
    )
    notes = _notes()


class OrderForm(govuk.DatedForm):
    kind = forms.ChoiceField(
        label="What did the Tribunal order?",
        choices=[(k.value, rules.ORDER_LABELS[k]) for k in rules.OrderKind],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the Tribunal ordered"},
    )
    ordered_on = govuk.DateField(
        label="Date of the order",
        not_in_future=True,
        help_text="For an appeal the council did not oppose, the date it told the Tribunal",
    )
    unopposed = forms.BooleanField(label="The council did not oppose the appeal (reg. 45)", required=False)


class ComplianceForm(govuk.DatedVersionedForm):
    complied_on = govuk.DateField(label="Date the council complied", not_in_future=True)
