"""Forms for the Local Offer, each error written as the GOV.UK Design System writes it."""

import re

from django import forms

from tellonce.core import forms as govuk
from tellonce.domain.service_search import MAX_QUERY_CHARACTERS
from tellonce.feedback.forms import FeedbackUpdateForm
from tellonce.local_offer.models import Cost, ListingReport, Status, Taxonomy, TaxonomyTerm
from tellonce.organisations.models import Locality

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
DAYS = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]
MILES = [
    ("", "Any distance"),
    ("1", "Within 1 mile"),
    ("3", "Within 3 miles"),
    ("5", "Within 5 miles"),
    ("10", "Within 10 miles"),
]
KM_PER_MILE = 1.609344


def _text(label, required="", max_length=200, textarea=False, **kwargs):
    messages = {"max_length": f"{label} must be {max_length} characters or fewer"}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required),
        error_messages=messages,
        **({"widget": forms.Textarea} if textarea else {}) | kwargs,
    )


def normal_postcode(value: str) -> str:
    return " ".join(value.upper().split())


def category_choices(code: str = Taxonomy.CATEGORIES) -> list[tuple[str, str]]:
    """Top-level terms, each followed by its own narrower terms."""
    # Plain rows: every search page builds these twice, and model instances took most of its form's time.
    terms = list(TaxonomyTerm.objects.filter(taxonomy__code=code).values_list("pk", "name", "parent_id"))
    out = []
    for pk, name, parent in terms:
        if parent is None:
            out.append((str(pk), name))
            out += [(str(child), f"{name}: {label}") for child, label, above in terms if above == pk]
    return out


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the Local Offer",
        required=False,
        max_length=MAX_QUERY_CHARACTERS,
        help_text="For example, speech therapy, autism, short breaks or CAMHS",
        error_messages={"max_length": f"Search must be {MAX_QUERY_CHARACTERS} characters or fewer"},
    )
    age = forms.IntegerField(
        label="Age of the child or young person",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Age must be a number, like 7",
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 25 or under",
        },
    )
    need = forms.ChoiceField(label="Need", required=False)
    category = forms.ChoiceField(label="Type of service", required=False)
    locality = forms.ChoiceField(label="Area", required=False)
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=8,
        error_messages={"max_length": "Enter a real postcode, like NB3 4QT"},
    )
    within = forms.ChoiceField(label="Distance", required=False, choices=MILES)
    free = forms.BooleanField(label="Free services only", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", "Any need"), *category_choices(Taxonomy.NEEDS)]
        self.fields["category"].choices = [("", "Any type of service"), *category_choices()]
        self.fields["locality"].choices = [("", "Anywhere")] + [
            (str(loc.pk), loc.name) for loc in Locality.objects.all()
        ]

    def clean_postcode(self):
        value = normal_postcode(self.cleaned_data["postcode"])
        if value and not (POSTCODE.match(value) or DISTRICT.match(value)):
            raise forms.ValidationError("Enter a real postcode, like NB3 4QT")
        return value

    def clean(self):
        data = super().clean()
        if data.get("within") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode to search by distance")
        return data


class ReferralForm(forms.Form):
    child_name = _text(
        "Child or young person's full name", "Enter the child or young person's full name", 120
    )
    child_date_of_birth = govuk.DateField(label="Their date of birth", not_in_future=True)
    referrer_name = _text("Your full name", "Enter your full name", 120)
    relationship = _text(
        "Your relationship to them",
        "Enter your relationship to them",
        60,
        help_text="For example, parent, carer, or 'I am the young person'",
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We will send you a copy of the referral",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = _text(
        "Your phone number (optional)", max_length=20, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    postcode = _text(
        "Your postcode",
        "Enter your postcode",
        8,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )
    reason = _text(
        "What help do they need?",
        "Enter what help they need",
        3000,
        textarea=True,
        help_text="Tell the service what is happening and what you would like help with",
    )
    consent = forms.BooleanField(
        label="I agree to this service holding these details to respond to the referral",
        error_messages={"required": "Confirm you agree to the service holding these details"},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_date_of_birth"].today = today

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE.match(value):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
        return value

    def clean_postcode(self):
        value = normal_postcode(self.cleaned_data["postcode"])
        if not POSTCODE.match(value):
            raise forms.ValidationError("Enter a real postcode, like NB3 4QT")
        return value

    def clean_child_date_of_birth(self):
        born = self.cleaned_data["child_date_of_birth"]
        today = self.fields["child_date_of_birth"].today
        if born and today and (today.year - born.year) > 26:
            raise forms.ValidationError("The Local Offer is for children and young people aged 0 to 25")
        return born

    def referral(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("consent")
        return data


class ReportForm(forms.Form):
    topic = forms.ChoiceField(
        label="What is the problem?",
        choices=ListingReport.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the problem is"},
    )
    details = _text(
        "Tell us more",
        "Tell us what is wrong or missing",
        3000,
        textarea=True,
        help_text="Do not include personal details about a child",
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text="Only if you would like a reply",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )


COMMENT_ABOUT = [
    ("What the Local Offer says", "What the Local Offer says"),
    ("Gaps in services", "Services that are missing or not good enough"),
    ("Finding and reading the information", "How easy it is to find and read the information"),
    ("How the Local Offer is written and reviewed", "How the Local Offer is written and reviewed"),
]


class CommentForm(forms.Form):
    about = forms.ChoiceField(
        label="What is your comment about?",
        choices=COMMENT_ABOUT,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what your comment is about"},
    )
    text = _text(
        "Your comment",
        "Enter your comment",
        3000,
        textarea=True,
        help_text="We publish what people tell us and what we did about it, without names",
    )


class ServiceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = _text("Name of the service", "Enter the name of the service", 200)
    alternate_name = _text(
        "Other name (optional)", max_length=200, help_text="Another name families or professionals know it by"
    )
    description = _text("What it offers", "Enter what the service offers", 5000, textarea=True)
    status = forms.ChoiceField(label="Is it running?", choices=Status.choices, widget=forms.RadioSelect)
    categories = forms.MultipleChoiceField(
        label="Type of service",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one type of service"},
    )
    needs = forms.MultipleChoiceField(
        label="Needs it supports (optional)", widget=forms.CheckboxSelectMultiple, required=False
    )
    minimum_age = forms.IntegerField(
        label="Youngest age (optional)",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Youngest age must be a number",
            "max_value": "Youngest age must be 25 or under",
            "min_value": "Youngest age must be 0 or more",
        },
    )
    maximum_age = forms.IntegerField(
        label="Oldest age (optional)",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Oldest age must be a number",
            "max_value": "Oldest age must be 25 or under",
            "min_value": "Oldest age must be 0 or more",
        },
    )
    eligibility_description = _text(
        "Who it is for",
        "Enter who the service is for",
        2000,
        textarea=True,
        help_text="Needs, circumstances and any eligibility criteria",
    )
    localities = forms.MultipleChoiceField(
        label="Areas it covers (leave empty for the whole area)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cost = forms.ChoiceField(label="Cost", choices=Cost.choices, widget=forms.RadioSelect)
    fees_description = _text("Cost details (optional)", max_length=300)
    self_referral = forms.BooleanField(label="Families can refer themselves", required=False)
    who_can_refer = _text(
        "Who else can refer (optional)",
        max_length=300,
        help_text="For example, GP, school SENCO, health visitor",
    )
    application_process = _text("How to get it", "Enter how families get the service", 3000, textarea=True)
    online_referral = forms.BooleanField(
        label="Take referrals online through the Local Offer", required=False
    )
    referral_email = forms.EmailField(
        label="Inbox for online referrals (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format"},
    )
    contact_name = _text("Contact name (optional)", max_length=120)
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format"},
    )
    phone = _text("Phone (optional)", max_length=30)
    url = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address, like https://example.org"},
    )
    venue_name = _text("Venue name (optional)", max_length=200)
    venue_address = _text("Venue street address (optional)", max_length=200)
    venue_town = _text("Venue town (optional)", max_length=100)
    venue_postcode = _text("Venue postcode (optional)", max_length=8)
    accessibility = _text(
        "Accessibility of the venue (optional)",
        max_length=2000,
        textarea=True,
        help_text="Step-free access, accessible toilet, hearing loop, quiet room, parking",
    )
    schedule_description = _text("When (optional)", max_length=300, help_text="For example, term time only")
    days = forms.MultipleChoiceField(
        label="Days it runs (optional)", choices=DAYS, widget=forms.CheckboxSelectMultiple, required=False
    )
    opens_at = forms.TimeField(
        label="Opens at (optional)",
        required=False,
        help_text="For example, 09:30",
        error_messages={"invalid": "Enter a time, like 09:30"},
    )
    closes_at = forms.TimeField(
        label="Closes at (optional)",
        required=False,
        help_text="For example, 17:00",
        error_messages={"invalid": "Enter a time, like 17:00"},
    )
    languages = _text("Languages (optional)", max_length=200, help_text="Separate them with commas")
    film_url = forms.URLField(
        label="Film about the service (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://example.org/film"},
    )
    accessible_formats = _text(
        "Accessible formats (optional)", max_length=300, help_text="For example, easy read, large print, BSL"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()
        self.fields["needs"].choices = category_choices(Taxonomy.NEEDS)
        self.fields["localities"].choices = [(str(loc.pk), loc.name) for loc in Locality.objects.all()]

    def clean_venue_postcode(self):
        value = normal_postcode(self.cleaned_data["venue_postcode"])
        if value and not POSTCODE.match(value):
            raise forms.ValidationError("Enter a real postcode, like NB3 4QT")
        return value

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "Oldest age must be the same as or more than the youngest age")
        if data.get("online_referral") and not data.get("referral_email"):
            self.add_error("referral_email", "Enter the inbox that online referrals go to")
        if not data.get("self_referral") and not data.get("who_can_refer", "").strip():
            self.add_error("who_can_refer", "Enter who can refer, as families cannot refer themselves")
        return data

    @classmethod
    def initial_from(cls, content: dict, version: int) -> dict:
        initial = {k: v for k, v in content.items() if k not in ("venue", "days")}
        venue = content.get("venue") or {}
        initial |= {
            "version": version,
            "venue_name": venue.get("name", ""),
            "venue_address": venue.get("address_1", ""),
            "venue_town": venue.get("city", ""),
            "venue_postcode": venue.get("postcode", ""),
            "accessibility": venue.get("accessibility", ""),
            "days": [d for d in (content.get("days") or "").split(",") if d],
        }
        return initial

    def content(self, point_for) -> dict:
        """The form as a version's content; the venue's position comes from its postcode district."""
        data = self.cleaned_data
        content = {
            k: v
            for k, v in data.items()
            if not k.startswith("venue_")
            and k not in ("version", "accessibility", "days", "opens_at", "closes_at")
        }
        content["days"] = ",".join(data["days"])
        content["opens_at"] = data["opens_at"].strftime("%H:%M") if data["opens_at"] else None
        content["closes_at"] = data["closes_at"].strftime("%H:%M") if data["closes_at"] else None
        point = point_for(data["venue_postcode"]) if data["venue_postcode"] else None
        content["venue"] = {
            "name": data["venue_name"],
            "address_1": data["venue_address"],
            "city": data["venue_town"],
            "postcode": data["venue_postcode"],
            "accessibility": data["accessibility"],
            "latitude": point.latitude if point else None,
            "longitude": point.longitude if point else None,
        }
        return content


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve and publish"), ("refuse", "Do not publish")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to publish the change"},
    )
    reason = _text("Reason (needed if you do not publish)", max_length=1000, textarea=True)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why the change is not published, so the provider can fix it")
        return data


class ThesaurusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    preferred = _text(
        "Preferred words",
        "Enter the preferred words",
        120,
        help_text="As the Local Offer writes it, for example 'speech and language therapy'",
    )
    other_words = _text(
        "Other words",
        "Enter at least one other word",
        2000,
        textarea=True,
        help_text="One a line: acronyms, other names and everyday words, for example SALT",
    )
    note = _text("Note (optional)", max_length=300)

    def __init__(self, *args, entries, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry, self.entries = entry, entries

    def clean_preferred(self):
        value = " ".join(self.cleaned_data["preferred"].split())
        clash = self.entries.filter(preferred__iexact=value)
        if self.entry is not None:
            clash = clash.exclude(pk=self.entry.pk)
        if clash.exists():
            raise forms.ValidationError("There is already an entry for these words: add to it instead")
        return value


class SynonymForm(forms.Form):
    entry = forms.ChoiceField(label="Add it to", error_messages={"required": "Select where to add it"})
    preferred = _text("Or the preferred words for a new entry", max_length=120)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "Choose an entry"), ("new", "A new entry")] + [
            (str(e.pk), e.preferred) for e in entries
        ]

    def clean(self):
        data = super().clean()
        if data.get("entry") == "new" and not data.get("preferred", "").strip():
            self.add_error("preferred", "Enter the preferred words for the new entry")
        return data


class CommentAnswerForm(FeedbackUpdateForm):
    """A comment on the Local Offer is a feedback item, answered as the others are: closing it needs
    its outcome."""

    actions = _text("What we are doing about it", max_length=5000, textarea=True)
    outcome = _text("Outcome", max_length=5000, textarea=True)


class ResolveReportForm(forms.Form):
    resolution = _text("What was done", "Enter what was done about the report", 2000, textarea=True)
