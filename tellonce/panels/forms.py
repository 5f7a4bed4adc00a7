from django import forms

from tellonce.core import forms as govuk
from tellonce.core import uploads
from tellonce.panels.models import Agency, Attendance, DecisionKind, Outcome


class PanelForm(forms.Form):
    name = forms.CharField(
        label="Name of the panel", max_length=120, error_messages={"required": "Enter the panel's name"}
    )
    decides = forms.MultipleChoiceField(
        label="Decisions it makes",
        choices=DecisionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one decision the panel makes"},
    )


class ChangePanelForm(PanelForm, govuk.VersionedForm):
    pass


class MemberForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Enter the member's name"}
    )
    agency = forms.ChoiceField(
        label="Agency or part they play",
        choices=Agency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the member's agency"},
    )
    role = forms.CharField(label="Job title (optional)", max_length=120, required=False)


class MeetingForm(govuk.DatedForm):
    held_on = govuk.DateField(label="Date of the meeting", help_text="For example, 14 1 2027")
    place = forms.CharField(label="Where (optional)", max_length=160, required=False)


class CaseForm(govuk.DatedForm):
    meeting = forms.ChoiceField(label="Meeting", error_messages={"required": "Select the meeting"})
    kind = forms.ChoiceField(
        label="What the panel is to decide",
        choices=DecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the panel is to decide"},
    )
    summary = forms.CharField(
        label="What the panel is asked, and why (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
    )
    paper = govuk.UploadField(
        label="A paper for the panel (optional)",
        kinds=(uploads.Kind.PDF, uploads.Kind.DOCX),
        required=False,
        help_text="A PDF or Word document. The advice on the assessment goes with the case already",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "Choose a meeting")] + meetings


class AttendanceForm(govuk.DatedVersionedForm):
    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=f"{member.name}, {member.get_agency_display()}{', ' + member.role if member.role else ''}",
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether {member.name} was present"},
            )

    def statuses(self) -> dict[str, str]:
        return {
            name.removeprefix("member_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("member_")
        }


class DecisionForm(govuk.DatedVersionedForm):
    outcome = forms.ChoiceField(
        label="The panel's decision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel's decision"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        max_length=6000,
        help_text="In plain English: the family's letter gives them",
        error_messages={"required": "Enter the panel's reasons: the family's letter gives them"},
    )
    notified_on = govuk.DateField(
        label="Date the family was told",
        not_in_future=True,
        required=False,
        help_text="Needed for a decision whether to assess or not to issue a plan: the statutory clock uses it",
    )
    placement = forms.CharField(
        label="School, college or setting agreed (for a placement)", max_length=160, required=False
    )
    band = forms.CharField(label="Top-up band agreed (for a top-up)", max_length=10, required=False)
    advice_to_setting = forms.CharField(
        label="Advice to the school or setting (if the panel said no)",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
        help_text="What the setting can do now, from its own resources and SEN support",
    )
    look_again_on = govuk.DateField(
        label="Date to look again (if the panel said no)",
        required=False,
        help_text="Leave blank for 6 months after the meeting",
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind != DecisionKind.PLACEMENT:
            del self.fields["placement"]
        if kind != DecisionKind.TOP_UP:
            del self.fields["band"]
        if kind in (DecisionKind.PLACEMENT, DecisionKind.TOP_UP):
            del self.fields["notified_on"]
            self.fields["outcome"].choices = Outcome.choices


class LetterSentForm(govuk.DatedVersionedForm):
    sent_on = govuk.DateField(label="Date the letter was sent", not_in_future=True)
