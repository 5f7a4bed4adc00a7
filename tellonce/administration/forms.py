"""The administration pages' forms. Every field says what is wrong in the Design System's words,
and a refused form is shown again with everything typed in it."""

from django import forms

from tellonce.accounts.roles import ActsFor, Role, acts_for
from tellonce.audit.models import RecordKind
from tellonce.core.forms import UploadField, text_field
from tellonce.core.uploads import Kind
from tellonce.domain.codes import OFFICER_IN_POST
from tellonce.domain.education_settings import PHASE_LABELS
from tellonce.organisations.models import HealthProvider, Locality, Service, Setting, SettingType, Team

# Families and Local Offer providers get their accounts from the child's record and the Local Offer.
INVITED_ROLES = [(role.value, role.label) for role in Role if acts_for(role) != ActsFor.ITSELF]
YEARS = [(-1, "Nursery"), (0, "Reception"), *[(n, f"Year {n}") for n in range(1, 14)], (14, "After Year 13")]


def _line(
    label: str, *, required: bool = True, max_length: int = 150, help_text: str = "", **attrs
) -> forms.CharField:
    field = text_field(label, required=required, max_length=max_length, help_text=help_text, lines=False)
    field.error_messages["required"] = attrs.pop("missing", f"Enter the {label[0].lower() + label[1:]}")
    field.widget.attrs.update(attrs)
    return field


def _choice(
    label: str, choices, *, required: bool = True, blank: str = "", help_text: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=([("", blank)] if blank else []) + list(choices),
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Choose the {label.lower()}",
            "invalid_choice": f"Choose the {label.lower()}",
        },
    )


def _records(label: str, queryset, *, required: bool = False, blank: str = "None", help_text: str = ""):
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        empty_label=blank,
        help_text=help_text,
        error_messages={
            "required": f"Choose the {label.lower()}",
            "invalid_choice": f"Choose one of the council's {label.lower()}s",
        },
    )


def _email(label: str = "Email address", *, required: bool = True, help_text: str = "") -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=required,
        max_length=254,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class Versioned(forms.Form):
    """A form that adds a record, or changes one (then carrying the version it was read at)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]


class FindUsersForm(forms.Form):
    q = _line("Name, username or email address", required=False, spellcheck="false")
    role = _choice("Role", Role.choices, required=False, blank="Any role")
    status = _choice(
        "Status",
        [("active", "Can sign in"), ("invited", "Invited, no password yet"), ("deactivated", "Deactivated")],
        required=False,
        blank="Any",
    )


class AccountForm(Versioned):
    """Who the person is and what they act for; the organisations are the council's own."""

    first_name = _line("First name", autocomplete="off", missing="Enter their first name")
    last_name = _line("Last name", autocomplete="off", missing="Enter their last name")
    email = _email(help_text="Their invitation is sent here, and it is their username")
    job_title = _line("Job title", required=False, max_length=120)
    role = _choice("Role", INVITED_ROLES, blank="Choose a role")
    setting = _records(
        "School or setting",
        Setting.objects.none(),
        help_text="For a SENCO: the school or college they act for",
    )
    team = _records(
        "Team", Team.objects.none(), help_text="For health and care professionals: the team they work in"
    )

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = Setting.objects.filter(local_authority_id=council_id)
        self.fields["team"].queryset = Team.objects.filter(local_authority_id=council_id)

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role and acts_for(role) == ActsFor.SETTING and not data.get("setting"):
            self.add_error("setting", "Choose the school or college a SENCO acts for")
        if role and acts_for(role) != ActsFor.SETTING and data.get("setting"):
            self.add_error("setting", "Only a SENCO acts for a school or college: leave this as None")
        if role and acts_for(role) == ActsFor.TEAM and not data.get("team"):
            self.add_error("team", "Choose the team this professional works in")
        return data


class ConfirmForm(Versioned):
    pass


class CaseloadForm(forms.Form):
    every = forms.BooleanField(label="Move all of them", required=False)
    children = forms.MultipleChoiceField(
        label="Or choose the children to move", required=False, widget=forms.CheckboxSelectMultiple
    )
    to = forms.ModelChoiceField(
        label="Move them to",
        queryset=None,
        empty_label="Choose a coordinator",
        error_messages={
            "required": "Choose the coordinator to move them to",
            "invalid_choice": "Choose a coordinator",
        },
    )

    def __init__(self, *args, children, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(str(child.pk), str(child)) for child in children]
        self.fields["to"].queryset = coordinators

    def clean(self):
        data = super().clean()
        if not data.get("every") and not data.get("children"):
            self.add_error("children", "Choose the children to move, or choose to move all of them")
        return data


class TeamForm(Versioned):
    name = _line("Name", max_length=160)
    service = _choice("Kind of team", Service.choices, blank="Choose the kind of team")
    provider = _records(
        "Health provider", HealthProvider.objects.none(), help_text="The NHS provider, for a health team"
    )
    locality = _records("Locality", Locality.objects.none())
    email = _email(required=False, help_text="Where advice requests and reminders are sent")

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = HealthProvider.objects.filter(local_authority_id=council_id)
        self.fields["locality"].queryset = Locality.objects.filter(local_authority_id=council_id)


class LocalityForm(Versioned):
    name = _line("Name", max_length=120)
    postcode_districts = _line(
        "Postcode districts", required=False, max_length=200, help_text="Separated by spaces, like KT1 KT2"
    )


class ProviderForm(Versioned):
    name = _line("Name", max_length=160)
    ods_code = _line(
        "ODS code",
        required=False,
        max_length=10,
        help_text="The NHS organisation code, like RNB",
        spellcheck="false",
    )


class SettingForm(Versioned):
    name = _line("Name", max_length=160)
    urn = _line(
        "URN",
        required=False,
        max_length=6,
        help_text="From Get Information about Schools, up to 6 digits",
        inputmode="numeric",
        **{"class": "govuk-input--width-10"},
    )
    ukprn = _line(
        "UKPRN",
        required=False,
        max_length=8,
        help_text="8 digits, starting with 1",
        inputmode="numeric",
        **{"class": "govuk-input--width-10"},
    )
    phase = _choice(
        "Phase", [(p.value, label) for p, label in PHASE_LABELS.items()], blank="Choose the phase"
    )
    setting_type = _choice("Type", SettingType.choices, blank="Choose the type")
    lowest_year = forms.TypedChoiceField(
        label="Lowest year taught",
        choices=YEARS,
        coerce=int,
        error_messages={"required": "Choose the lowest year taught"},
    )
    highest_year = forms.TypedChoiceField(
        label="Highest year taught",
        choices=YEARS,
        coerce=int,
        error_messages={"required": "Choose the highest year taught"},
    )
    has_sixth_form = forms.BooleanField(label="It has a sixth form", required=False)
    locality = _records("Locality", Locality.objects.none())
    postcode = _line(
        "Postcode",
        required=False,
        max_length=8,
        autocomplete="postal-code",
        **{"class": "govuk-input--width-10"},
    )

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(local_authority_id=council_id)

    def clean(self):
        data = super().clean()
        if (
            not data.get("urn")
            and not data.get("ukprn")
            and not self.has_error("urn")
            and not self.has_error("ukprn")
        ):
            self.add_error("urn", "Enter the URN or the UKPRN")
        return data


class FindSettingsForm(forms.Form):
    q = _line("Name or URN", required=False)
    phase = _choice(
        "Phase", [(p.value, label) for p, label in PHASE_LABELS.items()], required=False, blank="Any phase"
    )


class CouncilForm(Versioned):
    name = _line("Name", max_length=120)
    code = _line(
        "LA code",
        max_length=3,
        help_text="The 3-digit DfE code, like 886",
        inputmode="numeric",
        **{"class": "govuk-input--width-4"},
    )
    designated_medical_officer = _choice(
        "Designated medical officer (DMO)", OFFICER_IN_POST.choices(), required=False, blank="Not recorded"
    )
    designated_clinical_officer = _choice(
        "Designated clinical officer (DCO)", OFFICER_IN_POST.choices(), required=False, blank="Not recorded"
    )
    designated_social_care_officer = _choice(
        "Designated social care officer (DSCO)",
        OFFICER_IN_POST.choices(),
        required=False,
        blank="Not recorded",
    )


class GiasUploadForm(forms.Form):
    file = UploadField(
        kinds=(Kind.CSV_WINDOWS_1252,),
        label="GIAS establishment file (CSV)",
        help_text="Download it from Get Information about Schools: the establishment fields for your council only",
        error_messages={"required": "Choose the CSV file to upload"},
    )


class LogFilterForm(forms.Form):
    kind = _choice("Kind of record", RecordKind.choices, required=False, blank="Every kind")
