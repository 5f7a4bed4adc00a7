"""Forms for importing and checking a report, and for running the plan. Every field says what is
wrong in the Design System's words; nothing typed is lost when a form is refused."""

from django import forms

from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, roles_with
from tellonce.core.forms import DateField, UploadField
from tellonce.core.uploads import Kind
from tellonce.improvement import registry
from tellonce.improvement.models import (
    FRAMEWORKS,
    KINDS,
    OUTCOMES,
    RAG_CHOICES,
    STATUS_CHOICES,
    WITHDRAWAL_REASONS,
    Action,
    Finding,
    Update,
)

YES_NO_UNKNOWN = [("", "Not stated or not applicable"), ("yes", "Yes"), ("no", "No")]
PROGRESS_CHOICES = [("", "Not judged"), ("yes", "Sufficient progress"), ("no", "Not enough progress")]


def _to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _from_bool(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class UploadForm(forms.Form):
    report = UploadField(
        kinds=(Kind.PDF, Kind.TEXT),
        label="Inspection report or letter",
        help_text="The PDF Ofsted published, or its text saved as a .txt file",
        error_messages={"required": "Choose the report to import"},
    )


class DetailsForm(forms.Form):
    area = forms.CharField(
        label="Local area", max_length=200, error_messages={"required": "Enter the local area"}
    )
    framework = forms.ChoiceField(label="Inspection framework", choices=FRAMEWORKS)
    kind = forms.ChoiceField(label="Kind of inspection", choices=KINDS)
    outcome = forms.ChoiceField(label="Outcome", choices=OUTCOMES)
    written_statement_required = forms.ChoiceField(
        label="Was a written statement of action required?", choices=YES_NO_UNKNOWN, required=False
    )
    letter_date = DateField(label="Date of the letter or report", required=False)
    inspection_start = DateField(label="First day of the inspection", required=False)
    inspection_end = DateField(label="Last day of the inspection", required=False)

    @classmethod
    def initial_from(cls, details: dict) -> dict:
        return details | {"written_statement_required": _from_bool(details.get("written_statement_required"))}

    def clean(self):
        data = super().clean()
        start, end = data.get("inspection_start"), data.get("inspection_end")
        if start and end and end < start:
            self.add_error(
                "inspection_end", "The last day of the inspection must be on or after the first day"
            )
        return data

    def details(self) -> dict:
        data = dict(self.cleaned_data)
        data["written_statement_required"] = _to_bool(data.get("written_statement_required", ""))
        return data


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of finding", choices=Finding.Kind.choices)
    heading = forms.ChoiceField(
        label="Heading (2016 to 2022 letters)", choices=Finding.Heading.choices, required=False
    )
    text = forms.CharField(
        label="What the report says", widget=forms.Textarea, required=False, max_length=10000
    )
    responsible = forms.CharField(label="Body responsible", max_length=300, required=False)
    sufficient_progress = forms.ChoiceField(
        label="Progress judged at a revisit or monitoring inspection",
        choices=PROGRESS_CHOICES,
        required=False,
    )
    remove = forms.BooleanField(label="Remove this finding", required=False)

    @classmethod
    def initial_from(cls, row: dict) -> dict:
        return row | {"sufficient_progress": _from_bool(row.get("sufficient_progress"))}

    def row(self) -> dict | None:
        data = self.cleaned_data
        if not data or data.get("remove") or not (data.get("text") or "").strip():
            return None
        return {
            "kind": data["kind"],
            "heading": data.get("heading", ""),
            "text": data["text"].strip(),
            "responsible": data.get("responsible", "").strip(),
            "sufficient_progress": _to_bool(data.get("sufficient_progress", "")),
        }


FindingFormSet = forms.formset_factory(FindingForm, extra=2)


def _people(local_authority_id):
    """Who may own an action or lead a priority: the council's people whose role may update actions."""
    return User.objects.filter(
        local_authority_id=local_authority_id,
        is_active=True,
        role__in=roles_with(Capability.UPDATE_OWN_ACTIONS),
    ).order_by("first_name", "last_name")


class PriorityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(
        label="Area", widget=forms.Textarea, error_messages={"required": "Enter the area"}
    )
    aim = forms.CharField(label="Aim", widget=forms.Textarea, required=False)
    lead = forms.ModelChoiceField(
        label="Lead", queryset=User.objects.none(), required=False, empty_label="No lead yet"
    )

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _people(local_authority_id)


class NewPriorityForm(forms.Form):
    title = forms.CharField(
        label="Area", widget=forms.Textarea, error_messages={"required": "Enter the area"}
    )
    aim = forms.CharField(label="Aim", widget=forms.Textarea, required=False)


class ActionForm(forms.Form):
    text = forms.CharField(
        label="Action", widget=forms.Textarea, error_messages={"required": "Enter the action"}
    )
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.none(), error_messages={"required": "Choose who owns the action"}
    )
    partner_agency = forms.CharField(label="Partner agency (optional)", max_length=200, required=False)
    due_on = DateField(label="Due date")

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(local_authority_id)


class ActionChangeForm(ActionForm):
    """Changing what an action is, who owns it or when it is due. A due date that moves needs its
    reason, which goes into the priority's progress so the board sees the slip."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is it changing? (needed if the due date moves)",
        help_text="This is added to the priority's progress",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, due_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_due_on = due_on

    def clean(self):
        data = super().clean()
        moved = data.get("due_on") and data["due_on"] != self.current_due_on
        if moved and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the due date is moving")
        return data


class ActionUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(
        label="What has happened (optional)",
        help_text="This is added to the priority's progress",
        widget=forms.Textarea,
        required=False,
    )


class _ActionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Area {obj.priority.number}: {obj.text[:120]}"


class WithdrawForm(forms.Form):
    """Withdrawing an action: why (no longer needed, or merged into another live action of the
    same plan) and a note. Not a status, so the update form cannot withdraw without a reason."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="Why is the action being withdrawn?",
        choices=WITHDRAWAL_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the action is being withdrawn"},
    )
    merged_into = _ActionChoice(
        label="The action it has been merged into (if merged)",
        queryset=Action.objects.none(),
        required=False,
        empty_label="Choose an action",
    )
    note = forms.CharField(
        label="Note (optional)",
        help_text="This is added to the priority's progress",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = (
            Action.objects.live()
            .filter(priority__plan_id=action.priority.plan_id)
            .exclude(pk=action.pk)
            .select_related("priority")
            .order_by("priority__number", "due_on")
        )

    def clean(self):
        data = super().clean()
        if data.get("reason") == "merged" and not data.get("merged_into"):
            self.add_error("merged_into", "Choose the action it has been merged into")
        return data


class UpdateForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=Update.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are recording"},
    )
    text = forms.CharField(
        label="Details", widget=forms.Textarea, error_messages={"required": "Enter the details"}
    )
    recorded_on = DateField(label="Date", not_in_future=True)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].today = today


class RagForm(forms.Form):
    rag = forms.ChoiceField(
        label="Rating",
        choices=RAG_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating"},
    )
    reason = forms.CharField(label="Why", widget=forms.Textarea, error_messages={"required": "Say why"})
    rated_on = DateField(label="Date of the rating", not_in_future=True)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rated_on"].today = today


class MeasureForm(forms.Form):
    key = forms.ChoiceField(label="Measure", error_messages={"required": "Choose a measure"})
    target = forms.DecimalField(label="Target (optional)", required=False, max_digits=8, decimal_places=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(m.key, m.label) for m in registry.all_measures()]


class MatchFindingsForm(forms.Form):
    """A monitoring inspection's findings, each matched to one of the plan's priorities or to a
    new priority. The best match by shared words is chosen to start with; the person confirms."""

    def __init__(self, *args, findings, priorities, suggested: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), f"Area {p.number}: {p.title[:120]}") for p in priorities]
        choices.append(("new", "A new priority"))
        by_pk = {str(p.pk): p for p in priorities}
        for n, finding in enumerate(findings, start=1):
            guess = suggested.get(str(finding.pk), "new")
            hint = (
                f"Suggested: area {by_pk[guess].number}, which shares the most words with it"
                if guess in by_pk
                else "No priority shares enough words with it: suggested as a new priority"
            )
            self.fields[f"finding_{finding.pk}"] = forms.ChoiceField(
                label=f"Finding {n}: {finding.text}",
                help_text=hint,
                choices=choices,
                initial=guess,
                error_messages={
                    "required": "Choose the priority this finding is about, or a new priority",
                    "invalid_choice": "Choose the priority this finding is about, or a new priority",
                },
            )

    def matches(self) -> dict[str, str]:
        return {name.removeprefix("finding_"): value for name, value in self.cleaned_data.items()}


class ReportDateForm(forms.Form):
    on = forms.DateField(label="Report as at", input_formats=["%Y-%m-%d"], required=False)
