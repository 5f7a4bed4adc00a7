from django import forms

from tellonce.audits.sampling import AGES, KINDS, METHODS
from tellonce.core.forms import DateField, VersionedForm, text_field, whole_number_field

ACTIONS = 3


class RoundForm(forms.Form):
    name = text_field("Name of the round", required=True, max_length=120, lines=False)
    method = forms.ChoiceField(
        label="How to choose the plans",
        choices=list(METHODS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to choose the plans"},
    )
    value = forms.ChoiceField(label="Which", required=False, help_text="Not needed for a random sample")
    size = forms.IntegerField(
        label="How many plans",
        min_value=1,
        max_value=500,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many plans to audit",
            "invalid": "How many plans must be a whole number",
            "min_value": "How many plans must be 1 or more",
            "max_value": "How many plans must be 500 or fewer",
        },
    )
    seed = whole_number_field(
        "Seed", help_text="The same seed draws the same plans again. Leave blank for a new one."
    )

    def __init__(self, *args, values: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [("", "Not needed"), *values]

    def clean(self):
        data = super().clean()
        method, value = data.get("method"), data.get("value")
        if method and method != "random" and not value:
            self.add_error(
                "value", "Choose which coordinator, team, setting, need, phase, age or kind of plan"
            )
        if method == "age" and value and value not in AGES:
            self.add_error("value", "Choose how long ago the plans were issued")
        if method == "kind" and value and value not in KINDS:
            self.add_error("value", "Choose new plans or amended plans")
        return data


class QuestionForm(VersionedForm):
    text = text_field("Question", required=True)

    def __init__(self, *args, scale: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for grade in scale:
            self.fields[f"d_{grade['code']}"] = text_field(
                f"What {grade['label'].lower()} looks like", required=True
            )


class AssignForm(VersionedForm):
    auditor = forms.ChoiceField(label="Auditor", error_messages={"required": "Choose the auditor"})
    moderation = forms.BooleanField(
        label="A second auditor, grading blind to moderate the first", required=False
    )

    def __init__(self, *args, auditors: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].choices = [("", "Choose an auditor"), *auditors]


class GradeForm(VersionedForm):
    def __init__(self, *args, questions, scale: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(g["code"], g["label"]) for g in scale]
        for q in questions:
            self.fields[f"q{q.pk}"] = forms.ChoiceField(
                label=f"Grade for section {q.section}",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose a grade for section {q.section}"},
            )
            self.fields[f"c{q.pk}"] = text_field(f"Comment on section {q.section}", max_length=3000)


class ResolveForm(VersionedForm):
    question = forms.IntegerField(widget=forms.HiddenInput)
    grade = forms.ChoiceField(
        label="Agreed grade", widget=forms.RadioSelect, error_messages={"required": "Choose the agreed grade"}
    )
    reason = text_field("Why this grade was agreed", required=True)

    def __init__(self, *args, scale: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g["code"], g["label"]) for g in scale]


class FamilyViewForm(VersionedForm):
    view = text_field("What the family said about the plan", required=True)


class FeedbackForm(VersionedForm):
    feedback = text_field("Feedback for the coordinator", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, ACTIONS + 1):
            self.fields[f"action{i}"] = text_field(f"Action {i}", max_length=1000, lines=False)
            self.fields[f"due{i}"] = DateField(label=f"Date action {i} is due", required=False)

    def actions(self) -> list[tuple[str, object]]:
        data = self.cleaned_data
        return [(data.get(f"action{i}", ""), data.get(f"due{i}")) for i in range(1, ACTIONS + 1)]


class AcknowledgeForm(VersionedForm):
    note = text_field("Anything you want to say about the feedback", max_length=3000)


class DoneForm(VersionedForm):
    note = text_field("What was done", max_length=3000, lines=False)
