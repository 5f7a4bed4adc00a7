"""Forms for the child record, validated by the domain rules, with GOV.UK error messages."""

from django import forms
from django.contrib.auth import password_validation

from tellonce.core import forms as govuk
from tellonce.domain.identifiers import (
    nhs_number_problem,
    normalise_nhs_number,
    normalise_upn,
    uln_problem,
    upn_problem,
)
from tellonce.organisations.models import Setting
from tellonce.people import choices
from tellonce.people.models import AllAboutMe


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ChildDetailsForm(VersionedForm):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    preferred_name = forms.CharField(label="Known as (optional)", max_length=100, required=False)
    date_of_birth = govuk.DateField(label="Date of birth", not_in_future=True)
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        max_length=20,
        help_text="10 digits, for example 485 777 3456",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        required=False,
        max_length=20,
        help_text="13 characters, for example A123456789012",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    uln = forms.CharField(
        label="Unique learner number (ULN) (optional)",
        required=False,
        max_length=20,
        help_text="10 digits, for example 1234567899. Given to young people in further education and training",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    upn_unknown = forms.ChoiceField(
        label="Why is there no UPN or ULN?",
        choices=[*choices.UPN_UNKNOWN, ("", "Not known yet")],
        required=False,
        widget=forms.RadioSelect,
        help_text="The DfE's SEN2 return asks for a reason when there is neither. Any reason is cleared "
        "when a UPN or ULN is recorded",
    )
    sex = forms.ChoiceField(label="Sex", choices=[("", "Not recorded"), *choices.SEX], required=False)
    gender = forms.CharField(label="Gender (optional)", required=False, max_length=60)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=choices.ETHNICITY)
    first_language = forms.CharField(
        label="First language", max_length=60, error_messages={"required": "Enter the child's first language"}
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}),
    )
    primary_need = forms.ChoiceField(
        label="Primary need", choices=[("", "Not recorded"), *choices.SEN_TYPE], required=False
    )
    secondary_need = forms.ChoiceField(
        label="Secondary need", choices=[("", "None"), *choices.SEN_TYPE], required=False
    )
    sen_status = forms.ChoiceField(label="SEN status", choices=choices.SEN_STATUS, widget=forms.RadioSelect)
    nc_year_override = forms.TypedChoiceField(
        label="Year group",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "The year group for their age"),
            (0, "Reception"),
            *((n, f"Year {n}") for n in range(1, 15)),
        ],
        help_text="Change this only if the child is taught outside their age group",
    )
    next_setting = forms.ModelChoiceField(
        label="School or college they are moving to (optional)",
        queryset=Setting.objects.none(),
        required=False,
        empty_label="Not known, or staying on",
        help_text="A Year 11 pupil staying on in their school's sixth form is not moving. Choose a college "
        "only once they are known to be going to one: that makes their plan's phase transfer due by 31 March",
    )
    looked_after = forms.BooleanField(label="Looked after", required=False)
    child_in_need = forms.BooleanField(label="Child in need", required=False)
    child_protection = forms.BooleanField(label="Child protection plan", required=False)
    email = forms.EmailField(
        label="Young person's email address (optional)",
        required=False,
        help_text="Their own address: from 16 they can be invited to see their record",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    def __init__(self, *args, today, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].today = today
        self.fields["next_setting"].queryset = Setting.objects.filter(local_authority_id=local_authority_id)

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"].strip()
        if value and (problem := nhs_number_problem(value)):
            raise forms.ValidationError(problem)
        return normalise_nhs_number(value) if value else ""

    def clean_upn(self) -> str:
        value = self.cleaned_data["upn"].strip()
        if value and (problem := upn_problem(value)):
            raise forms.ValidationError(problem)
        return normalise_upn(value) if value else ""

    def clean_uln(self) -> str:
        value = self.cleaned_data["uln"].strip()
        if value and (problem := uln_problem(value)):
            raise forms.ValidationError(problem)
        return "".join(value.split())

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].upper().split())

    def clean(self):
        data = super().clean()
        if data.get("secondary_need") and data.get("secondary_need") == data.get("primary_need"):
            self.add_error("secondary_need", "Secondary need must be different from the primary need")
        return data

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


ALL_ABOUT_ME_FIELDS = [
    "in_my_words",
    "what_people_like_about_me",
    "what_is_important_to_me",
    "how_best_to_support_me",
    "my_hopes_for_the_future",
    "family_views",
    "completed_with",
]


class AllAboutMeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AllAboutMe
        fields = ALL_ABOUT_ME_FIELDS
        labels = {
            "in_my_words": "About me, in my words",
            "what_people_like_about_me": "What people like and admire about me",
            "what_is_important_to_me": "What is important to me",
            "how_best_to_support_me": "How best to support me",
            "my_hopes_for_the_future": "My hopes for the future",
            "family_views": "My family's views",
            "completed_with": "Who helped to complete this, and how",
        }

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in ALL_ABOUT_ME_FIELDS}


class FindChildForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=100)
    date_of_birth = govuk.DateField(label="Date of birth", required=False)
    upn = forms.CharField(
        label="UPN",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not any(
            data.get(name) for name in ("name", "date_of_birth", "upn", "nhs_number")
        ):
            raise forms.ValidationError("Enter a name, date of birth, UPN or NHS number")
        return data


class ConsentForm(forms.Form):
    share_with = forms.ChoiceField(
        label="Sharing information with",
        choices=choices.SHARE_WITH,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the information would be shared with"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=choices.CONSENT_DECISION,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether consent was given, refused or withdrawn"},
    )
    given_by = forms.CharField(
        label="Who made the decision",
        max_length=120,
        help_text="For example, the parent's name, or the young person from 16",
        error_messages={"required": "Enter who made the decision"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea, max_length=2000)


class WhoDecidesForm(VersionedForm):
    lacks_capacity = forms.TypedChoiceField(
        label="Do they lack capacity to make decisions about their education, health and care?",
        choices=[
            ("no", "No, or it has not been assessed"),
            ("yes", "Yes, assessed under the Mental Capacity Act"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="If they do, their parent decides for them as their representative",
        error_messages={"required": "Select whether they lack capacity"},
    )
    capacity_assessed_on = govuk.DateField(
        label="Date capacity was assessed", required=False, not_in_future=True
    )
    capacity_assessed_by = forms.CharField(
        label="Who assessed their capacity",
        required=False,
        max_length=120,
        help_text="Their name and role, for example Dr Ana Silva, consultant psychiatrist",
    )
    agrees_parent_sees = forms.TypedChoiceField(
        label="Does the young person agree that their parent sees their record?",
        choices=[("yes", "Yes"), ("no", "No, or they have not been asked")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Once they are over compulsory school age and decide for themselves, a parent sees the "
        "record only if they agree",
        error_messages={"required": "Select whether the young person agrees"},
    )
    agreement_recorded_on = govuk.DateField(label="Date of their answer", required=False, not_in_future=True)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("capacity_assessed_on", "agreement_recorded_on"):
            self.fields[name].today = today

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class InviteForm(forms.Form):
    """Whom to invite: a value from `invitee_key`."""

    who = forms.CharField(widget=forms.HiddenInput)


def invitee_key(member) -> str:
    return f"member-{member.pk}" if member is not None else "young-person"


class NewAccountForm(forms.Form):
    password = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "Enter the same password in both boxes")
        return data


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=12,
        help_text="6 digits, from the email we have just sent",
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": "Enter the code from the email"},
    )
