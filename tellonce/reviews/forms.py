"""Forms for each step of a review, the setting's report, ceasing a plan and moves between
councils. Dates use the GOV.UK date input; every changing form carries the version it was read at."""

from django import forms

from tellonce.advice.models import SERVICE_CHOICES
from tellonce.core import forms as govuk
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.reviews.models import PAPERWORK_FIELDS, Agency, EducationStatus, Progress, ReviewKind

MAX_TEXT = 5000


def _text(label: str, *, required: bool = False, help_text: str = ""):
    return govuk.text_field(label, required=required, help_text=help_text, max_length=MAX_TEXT)


Dated = govuk.DatedForm
Versioned = govuk.DatedVersionedForm


class ScheduleForm(Dated):
    kind = forms.ChoiceField(label="Type of review", choices=ReviewKind.choices, widget=forms.RadioSelect)
    meeting_on = govuk.DateField(label="Date of the meeting", help_text="For example, 16 3 2027")


INVITEE_ROWS = 6


class InvitationsForm(Versioned):
    sent_on = govuk.DateField(label="Date the invitations were sent", not_in_future=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = [("", "Choose")] + [(a.value, a.label) for a in Agency]
        for n in range(INVITEE_ROWS):
            self.fields[f"agency_{n}"] = forms.ChoiceField(
                label=f"Person {n + 1}: from", choices=agencies, required=False
            )
            self.fields[f"name_{n}"] = forms.CharField(
                label=f"Person {n + 1}: name", max_length=120, required=False
            )
            self.fields[f"role_{n}"] = forms.CharField(
                label=f"Person {n + 1}: role", max_length=120, required=False
            )

    def clean(self):
        cleaned = super().clean()
        for n in range(INVITEE_ROWS):
            agency, name = cleaned.get(f"agency_{n}"), (cleaned.get(f"name_{n}") or "").strip()
            if bool(agency) != bool(name):
                self.add_error(
                    f"name_{n}" if agency else f"agency_{n}",
                    f"Give both who person {n + 1} is and where they are from",
                )
        return cleaned

    def invitees(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"agency": d[f"agency_{n}"], "name": d[f"name_{n}"].strip(), "role": d[f"role_{n}"].strip()}
            for n in range(INVITEE_ROWS)
            if d.get(f"agency_{n}") and d.get(f"name_{n}", "").strip()
        ]


class AdviceForm(Dated):
    service = forms.ChoiceField(
        label="Service asked for advice",
        choices=[("", "Choose a service"), *SERVICE_CHOICES],
        error_messages={"required": "Select the service asked for advice"},
    )
    requested_on = govuk.DateField(label="Date the service received the request", not_in_future=True)


class CirculatedForm(Versioned):
    circulated_on = govuk.DateField(label="Date the advice was sent to everyone invited", not_in_future=True)


class AttendanceMixin:
    """One 'came' and one 'sent advice' checkbox for each person invited."""

    def add_attendance(self, attendance):
        self.attendance_rows = list(attendance)
        for person in self.attendance_rows:
            self.fields[f"attended_{person.pk}"] = forms.BooleanField(
                label=f"{person.name} ({person.get_agency_display()}) came",
                required=False,
                initial=person.attended,
            )
            self.fields[f"sent_advice_{person.pk}"] = forms.BooleanField(
                label=f"{person.name} sent advice", required=False, initial=person.sent_advice
            )

    def attendance(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"pk": p.pk, "attended": d[f"attended_{p.pk}"], "sent_advice": d[f"sent_advice_{p.pk}"]}
            for p in self.attendance_rows
        ]


class MeetingForm(AttendanceMixin, Versioned):
    held_on = govuk.DateField(label="Date the meeting was held", not_in_future=True)

    def __init__(self, *args, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_attendance(attendance)


class PaperworkForm(AttendanceMixin, Versioned):
    """The setting's review report (reg. 20(7)): views, progress, who came, what should change."""

    child_views = _text("The child's or young person's views", required=True)
    family_views = _text("The family's views", required=True)
    adulthood_discussed = forms.BooleanField(label="Preparing for adulthood was discussed", required=False)
    destination = forms.CharField(
        label="Next step after this school year",
        max_length=200,
        required=False,
        help_text="For Year 11 and Year 13: where the young person is going next",
    )
    education_status = forms.ChoiceField(
        label="Education or training",
        choices=EducationStatus.choices,
        widget=forms.RadioSelect,
        initial=EducationStatus.IN_EDUCATION,
    )
    left_education_on = govuk.DateField(
        label="Date they left education or training", required=False, not_in_future=True
    )
    recommendations = _text("Recommended changes to the plan, and any disagreements")

    def __init__(self, *args, outcomes, attendance, must_cover_adulthood: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        self.must_cover_adulthood = must_cover_adulthood
        choices = [("", "Choose"), *Progress.choices]
        for n, outcome in enumerate(self.outcomes):
            self.fields[f"progress_{n}"] = forms.ChoiceField(
                label=f"Progress: {outcome.text[:150]}",
                choices=choices,
                error_messages={"required": f"Select the progress towards outcome {n + 1}"},
            )
            self.fields[f"evidence_{n}"] = forms.CharField(
                label=f"Evidence for outcome {n + 1}", required=False, max_length=2000, widget=forms.Textarea
            )
        self.add_attendance(attendance)

    def clean(self):
        cleaned = super().clean()
        left = cleaned.get("education_status") in (
            EducationStatus.LEFT_NO_RETURN,
            EducationStatus.LEFT_RETURN_PLANNED,
        )
        if left and not cleaned.get("left_education_on"):
            self.add_error("left_education_on", "Enter the date they left education or training")
        if self.must_cover_adulthood and not cleaned.get("adulthood_discussed"):
            self.add_error(
                "adulthood_discussed",
                "From Year 9 the review must cover preparing for adulthood (reg. 20(6))",
            )
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PAPERWORK_FIELDS}

    def progress(self) -> list[dict]:
        return [
            {
                "outcome_key": o.key,
                "outcome_text": o.text,
                "progress": self.cleaned_data[f"progress_{n}"],
                "evidence": self.cleaned_data[f"evidence_{n}"],
            }
            for n, o in enumerate(self.outcomes)
        ]


class DecisionForm(Versioned):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[(d.value, rules.DECISION_LABELS[d]) for d in rules.Decision],
        error_messages={"required": "Select the decision"},
    )
    notified_on = govuk.DateField(label="Date the family was told", not_in_future=True)
    reason = _text("Reasons")
    cease_reason = forms.ChoiceField(
        label="If the plan is to stop: why",
        required=False,
        choices=[
            ("", "Not stopping"),
            *[(r.value, ceasing_rules.CEASE_REASON_LABELS[r]) for r in ceasing_rules.CeaseReason],
        ],
    )


class ConsiderCeasingForm(Dated):
    reason = forms.ChoiceField(
        label="Why the plan may no longer be needed",
        choices=[
            ("", "Choose"),
            *[(r.value, ceasing_rules.CEASE_REASON_LABELS[r]) for r in ceasing_rules.CeaseReason],
        ],
        error_messages={"required": "Select why the plan may no longer be needed"},
    )
    considered_on = govuk.DateField(
        label="Date the family was told it is being considered", not_in_future=True
    )
    setting_consulted_on = govuk.DateField(
        label="Date the school or college was consulted", required=False, not_in_future=True
    )
    notes = _text("Notes")


class CeaseForm(Versioned):
    decided_on = govuk.DateField(label="Date of the decision", not_in_future=True)
    notice_sent_on = govuk.DateField(label="Date the notice was sent", not_in_future=True)
    ceases_on = govuk.DateField(
        label="Date the plan is to stop", help_text="It stays in force while the family can appeal"
    )


class AppealForm(Versioned):
    lodged_on = govuk.DateField(label="Date the appeal was registered", required=False, not_in_future=True)
    decided_on = govuk.DateField(label="Date the Tribunal decided", required=False, not_in_future=True)
    upheld = forms.ChoiceField(
        label="The Tribunal's decision",
        required=False,
        widget=forms.RadioSelect,
        choices=[("yes", "The plan must continue"), ("no", "The plan can stop")],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decided_on") and not cleaned.get("upheld"):
            self.add_error("upheld", "Select the Tribunal's decision")
        if not cleaned.get("lodged_on") and not cleaned.get("decided_on"):
            self.add_error("lodged_on", "Enter the date the appeal was registered")
        cleaned["upheld"] = {"yes": True, "no": False}.get(cleaned.get("upheld") or "")
        return cleaned


class WithdrawForm(Versioned):
    withdrawn_on = govuk.DateField(label="Date the council decided to keep the plan", not_in_future=True)


class MoveOutForm(Dated):
    other_council = forms.CharField(
        label="The council they moved to",
        max_length=120,
        error_messages={"required": "Enter the council they moved to"},
    )
    other_code = forms.RegexField(
        label="Its 3-digit code (optional)",
        regex=r"^\d{3}$",
        required=False,
        error_messages={"invalid": "The council's code must be 3 digits, for example 886"},
    )
    moves_on = govuk.DateField(label="Date of the move")
    known_on = govuk.DateField(label="Date the council became aware of the move", not_in_future=True)
    transferred_on = govuk.DateField(
        label="Date the plan was sent to the new council", required=False, not_in_future=True
    )


class MoveInForm(Dated):
    other_council = forms.CharField(
        label="The council they moved from",
        max_length=120,
        error_messages={"required": "Enter the council they moved from"},
    )
    other_code = forms.RegexField(
        label="Its 3-digit code (optional)",
        regex=r"^\d{3}$",
        required=False,
        error_messages={"invalid": "The council's code must be 3 digits, for example 886"},
    )
    plan_made_on = govuk.DateField(label="Date the plan was first made", not_in_future=True)
    moves_on = govuk.DateField(label="Date of the move")
    known_on = govuk.DateField(label="Date this council became aware", not_in_future=True)
    transferred_on = govuk.DateField(label="Date the plan was received", not_in_future=True)


class ScheduleFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Due",
        required=False,
        choices=[("", "Any time"), *[(s.value, rules.SCHEDULE_LABELS[s]) for s in rules.ScheduleStatus]],
    )
    transfers = forms.BooleanField(label="Phase transfers only", required=False)
    coordinator = forms.ChoiceField(label="EHC coordinator", required=False)
