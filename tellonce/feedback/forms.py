from django import forms

from tellonce.core import forms as govuk
from tellonce.feedback.models import FeedbackItem, Question, Route
from tellonce.people import choices

SCALE = [
    ("5", "Strongly agree"),
    ("4", "Agree"),
    ("3", "Neither agree nor disagree"),
    ("2", "Disagree"),
    ("1", "Strongly disagree"),
    ("0", "Don't know"),
]


class SurveyForm(forms.Form):
    """One field per question: agree-scale radios or free text."""

    def __init__(self, *args, survey, children=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        if children is not None:
            self.fields["child"] = forms.ModelChoiceField(
                label="Which child is this about",
                queryset=children,
                error_messages={"required": "Select the child"},
            )
        if staff:
            self.fields["route"] = forms.ChoiceField(
                label="How the answers came in",
                widget=forms.RadioSelect,
                choices=[
                    (Route.PAPER, "Paper form"),
                    (Route.PHONE, "Phone call"),
                    (Route.MEETING, "Meeting"),
                ],
                error_messages={"required": "Select how the answers came in"},
            )
            self.fields["reference"] = forms.CharField(
                label="Child's NHS number or UPN (optional)", required=False, max_length=20
            )
            self.fields["ethnicity"] = forms.ChoiceField(
                label="Ethnicity (optional)", required=False, choices=[("", "Not known"), *choices.ETHNICITY]
            )
            self.fields["first_language"] = forms.CharField(
                label="First language (optional)", required=False, max_length=60
            )
        for question in survey.questions.all():
            if question.kind == Question.Kind.AGREE:
                self.fields[f"q{question.pk}"] = forms.ChoiceField(
                    label=question.text, choices=SCALE, widget=forms.RadioSelect, required=False
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text, required=False, widget=forms.Textarea, max_length=5000
                )
        if not staff:
            self.fields["anonymous"] = forms.BooleanField(
                label="Send my answers without my name", required=False
            )

    def answers(self) -> dict[int, object]:
        out = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("q") and name[1:].isdigit():
                field = self.fields[name]
                out[int(name[1:])] = (
                    int(value) if isinstance(field, forms.ChoiceField) and value != "" else value
                )
        return out

    def clean(self):
        data = super().clean()
        if not any(v not in ("", None) for k, v in data.items() if k.startswith("q") and k[1:].isdigit()):
            raise forms.ValidationError("Answer at least one question")
        return data


class FeedbackForm(forms.Form):
    raised_on = govuk.DateField(label="Date it was raised", not_in_future=True)
    route = forms.ChoiceField(
        label="How it was raised",
        choices=Route.choices,
        error_messages={"required": "Select how it was raised"},
    )
    service = forms.CharField(
        label="Service it concerns",
        max_length=160,
        error_messages={"required": "Enter the service it concerns"},
    )
    summary = forms.CharField(
        label="What the family said",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter what the family said"},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_on"].today = today


class FeedbackUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Status", choices=FeedbackItem.Status.choices, widget=forms.RadioSelect)
    actions = forms.CharField(label="Actions taken", widget=forms.Textarea, required=False, max_length=5000)
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea, required=False, max_length=5000)

    def clean(self):
        data = super().clean()
        if data.get("status") == FeedbackItem.Status.CLOSED and not data.get("outcome", "").strip():
            self.add_error("outcome", "Enter the outcome before closing the feedback")
        return data


class PublishForm(forms.Form):
    you_said = forms.CharField(
        label="You said",
        widget=forms.Textarea,
        max_length=2000,
        help_text="In plain English. Do not name or describe a child or family.",
        error_messages={"required": "Enter what families said"},
    )
    we_did = forms.CharField(
        label="We did",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter what changed"},
    )


class CoProductionForm(forms.Form):
    title = forms.CharField(label="Service development", max_length=200)
    held_on = govuk.DateField(label="Date")
    who = forms.CharField(label="Who took part", max_length=300)
    what_changed = forms.CharField(label="What changed", widget=forms.Textarea, max_length=5000)


class FamilyFeedbackForm(forms.Form):
    service = forms.CharField(
        label="Which service is it about",
        max_length=160,
        error_messages={"required": "Enter which service it is about"},
    )
    summary = forms.CharField(
        label="What would you like to tell us",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter what you would like to tell us"},
    )

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"] = forms.ModelChoiceField(
            label="Which child is it about (optional)", queryset=children, required=False
        )


class ForumMemberForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    email = forms.EmailField(label="Email (optional)", required=False)
    consent = forms.BooleanField(
        label="They have agreed to be on the forum's list",
        error_messages={"required": "Confirm they have agreed to be on the list"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity (optional)", required=False, choices=[("", "Not known"), *choices.ETHNICITY]
    )
    first_language = forms.CharField(label="First language (optional)", required=False, max_length=60)
