"""Forms for writing a plan section by section, sending and issuing it, and the family's comments.
Every form that changes something carries the version it was read at, so a second save is refused.
Provision items are checked by the domain (`Provision.problems`), which owns what is absurd."""

from django import forms

from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.core import forms as govuk
from tellonce.domain import codes
from tellonce.domain import plan_content as pc
from tellonce.domain.plan_content import Section
from tellonce.organisations.models import Setting, SettingType
from tellonce.plans.models import Channel, CommentKind
from tellonce.plans.placements import PlacementDetails, Where

MAX_TEXT = 10_000


def _text(label: str, *, required: bool = False, help_text: str = "", max_length: int = MAX_TEXT):
    return govuk.text_field(label, required=required, help_text=help_text, max_length=max_length)


def _line(label: str, *, required: bool = False, help_text: str = "", max_length: int = 200):
    return govuk.text_field(label, required=required, help_text=help_text, max_length=max_length, lines=False)


_whole_number = govuk.whole_number_field
Versioned = govuk.VersionedForm


Dated = govuk.DatedVersionedForm


class ViewsForm(Versioned):
    in_my_words = _text(pc.VIEWS_LABELS["in_my_words"])
    my_story_so_far = _text(
        pc.VIEWS_LABELS["my_story_so_far"], help_text="What has happened in their life so far"
    )
    what_people_like_about_me = _text(pc.VIEWS_LABELS["what_people_like_about_me"])
    what_is_important_to_me = _text(pc.VIEWS_LABELS["what_is_important_to_me"])
    how_best_to_support_me = _text(pc.VIEWS_LABELS["how_best_to_support_me"])
    my_hopes_for_the_future = _text(pc.VIEWS_LABELS["my_hopes_for_the_future"])
    family_views = _text(pc.VIEWS_LABELS["family_views"], help_text="Their views, hopes and concerns")
    completed_with = _line(
        pc.VIEWS_LABELS["completed_with"],
        help_text="For example: with mum at home, using pictures and an interpreter",
    )

    def data_for_section(self) -> dict:
        return {name: self.cleaned_data[name].strip() for name in pc.VIEWS_LABELS}


class NeedsForm(Versioned):
    text = _text("Needs", help_text="Leave a blank line between paragraphs")

    def data_for_section(self) -> dict:
        return {"text": self.cleaned_data["text"].strip()}


class OutcomeForm(Versioned):
    text = _text(
        "The outcome", required=True, max_length=2000, help_text="What the child or young person will achieve"
    )
    by_when = govuk.DateField(label="By when", required=False, help_text="For example, 23 7 2027")
    measured_by = _text("How progress will be measured", max_length=2000)
    pfa = forms.MultipleChoiceField(
        label="Preparing for adulthood (from Year 9)",
        choices=[(a.value, pc.PFA_LABELS[a]) for a in pc.PfaArea],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def item(self, key: str) -> dict:
        d = self.cleaned_data
        return pc.as_dict(
            pc.Outcome(
                key,
                d["text"].strip(),
                d["by_when"],
                d["measured_by"].strip(),
                tuple(pc.PfaArea(a) for a in d["pfa"]),
            )
        )


class ProvisionForm(Versioned):
    what = _text("What the provision is", required=True, max_length=2000)
    role = _line("Who delivers it", help_text="Their role, for example teaching assistant")
    qualification = _line(
        "Their qualification or training",
        help_text="For example, trained in Talk Boost by the speech and language therapist",
    )
    times = _whole_number("How many times", help_text="For example, 3")
    per = forms.ChoiceField(
        label="Every",
        required=False,
        choices=[("", "Choose a period")]
        + [(p.value, pc.PERIOD_LABELS[p].removeprefix("a ")) for p in pc.Period],
    )
    minutes = _whole_number("How long each session lasts, in minutes")
    group_size = _whole_number("Group size", help_text="1 for one-to-one; otherwise the largest group")
    starts_on = govuk.DateField(label="Starts on", required=False)
    ends_on = govuk.DateField(label="Ends on", required=False)
    outcomes = forms.MultipleChoiceField(
        label="The outcomes it helps achieve", widget=forms.CheckboxSelectMultiple, required=False
    )
    advice = forms.MultipleChoiceField(
        label="The advice it comes from", widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, outcomes, advice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = [(o.key, o.text[:120]) for o in outcomes]
        self.fields["advice"].choices = [(a.key, a.title) for a in advice]
        if not outcomes:
            del self.fields["outcomes"]
        if not advice:
            del self.fields["advice"]

    def provision(self, key: str) -> pc.Provision:
        d = self.cleaned_data
        return pc.Provision(
            key,
            d.get("what", "").strip(),
            d.get("role", "").strip(),
            d.get("qualification", "").strip(),
            d.get("times"),
            pc.Period(d["per"]) if d.get("per") else None,
            d.get("minutes"),
            d.get("group_size"),
            d.get("starts_on"),
            d.get("ends_on"),
            tuple(d.get("outcomes", ())),
            tuple(d.get("advice", ())),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for problem in self.provision("check").problems():
                self.add_error(problem.field, problem.message)
        return cleaned

    def item(self, key: str) -> dict:
        return pc.as_dict(self.provision(key))


class PlacementForm(Versioned):
    setting = forms.ModelChoiceField(
        label="School, college or other setting",
        queryset=Setting.objects.none(),
        required=False,
        empty_label="Not named",
    )
    name = _line("Or the name of a setting not in the list")
    setting_type = _line(
        "Type of setting",
        help_text="For example, mainstream secondary academy. Give the type alone if no setting is named",
    )

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = Setting.objects.filter(local_authority_id=local_authority_id)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("setting") and cleaned.get("name", "").strip():
            self.add_error("name", "Choose a setting from the list or type its name, not both")
        return cleaned

    def data_for_section(self) -> dict:
        d = self.cleaned_data
        setting = d["setting"]
        kind = d["setting_type"].strip() or (SettingType(setting.setting_type).label if setting else "")
        return pc.as_dict(
            pc.Placement(name=setting.name if setting else d["name"].strip(), setting_type=kind)
        )


class BudgetForm(Versioned):
    discussed_on = govuk.DateField(
        label="Date a personal budget was discussed with the family", required=False
    )
    outcome = forms.ChoiceField(
        label="What was decided",
        required=False,
        widget=forms.RadioSelect,
        choices=[(o.value, pc.BUDGET_OUTCOME_LABELS[o]) for o in pc.BudgetOutcome],
    )
    forms_ = forms.MultipleChoiceField(
        label="How it is paid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(f.value, pc.BUDGET_FORM_LABELS[f]) for f in pc.BudgetForm],
    )
    amount_pounds = _whole_number("Amount a year, in pounds")
    covers = _text("The needs and outcomes it pays for", max_length=2000)

    def clean_amount_pounds(self):
        amount = self.cleaned_data["amount_pounds"]
        if amount is not None and not 0 <= amount <= 1_000_000:
            raise forms.ValidationError("Amount a year must be from £0 to £1,000,000")
        return amount

    def data_for_section(self) -> dict:
        d = self.cleaned_data
        return pc.as_dict(
            pc.PersonalBudget(
                d["discussed_on"],
                pc.BudgetOutcome(d["outcome"]) if d["outcome"] else None,
                tuple(pc.BudgetForm(f) for f in d["forms_"]),
                d["amount_pounds"],
                d["covers"].strip(),
            )
        )


class AdviceItemForm(Dated):
    title = _line(
        "The advice or information", required=True, help_text="For example, educational psychology advice"
    )
    author = _line("Who gave it")
    dated = govuk.DateField(label="Date of the advice", required=False, not_in_future=True)
    assessed_on = govuk.DateField(
        label="Date of the assessment it is based on", required=False, not_in_future=True
    )
    reused = forms.BooleanField(label="Reused from an earlier assessment", required=False)

    def item(self, key: str) -> dict:
        d = self.cleaned_data
        return pc.as_dict(
            pc.AdviceItem(
                key, d["title"].strip(), d["author"].strip(), d["dated"], d["assessed_on"], d["reused"]
            )
        )


SECTION_FORMS = {
    Section.A: ViewsForm,
    Section.B: NeedsForm,
    Section.C: NeedsForm,
    Section.D: NeedsForm,
    Section.I: PlacementForm,
    Section.J: BudgetForm,
}
ITEM_FORMS = {
    Section.E: OutcomeForm,
    Section.F: ProvisionForm,
    Section.G: ProvisionForm,
    Section.H1: ProvisionForm,
    Section.H2: ProvisionForm,
    Section.K: AdviceItemForm,
}


class OfficersForm(Versioned):
    named_officer = forms.ModelChoiceField(
        label="Named officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not named",
        help_text="The council officer the family can contact about the plan",
    )
    coordinator = forms.ModelChoiceField(
        label="EHC coordinator responsible",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not allocated",
    )

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(
            local_authority_id=local_authority_id,
            is_active=True,
            role__in=[Role.EHC_COORDINATOR, Role.SEND_MANAGER, Role.QUALITY_LEAD],
        ).order_by("last_name", "first_name")
        self.fields["named_officer"].queryset = staff
        self.fields["coordinator"].queryset = staff.filter(role__in=[Role.EHC_COORDINATOR, Role.SEND_MANAGER])


class ServeForm(Dated):
    served_on = govuk.DateField(label="Date it was sent to the family", not_in_future=True)


class IssueForm(Dated):
    issued_on = govuk.DateField(label="Date of issue", not_in_future=True)


class AcknowledgeForm(forms.Form):
    findings = forms.MultipleChoiceField(
        label="Findings to acknowledge",
        help_text="Select all that the same reason covers",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the findings to acknowledge",
            "invalid_choice": "Some of those findings no longer apply: choose again",
        },
    )
    reason = _text("Why they can be left as they are", required=True, max_length=2000)

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].choices = findings


class ResponseForm(govuk.DatedForm):
    channel = forms.ChoiceField(
        label="How did the family reply?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the family replied"},
    )
    received_on = govuk.DateField(label="When was it received?", required=True, not_in_future=True)
    kind = forms.ChoiceField(
        label="What did they say?",
        widget=forms.RadioSelect,
        choices=CommentKind.choices,
        initial=CommentKind.COMMENT,
        error_messages={"required": "Choose what the family said"},
    )
    section = forms.ChoiceField(label="Which part of the plan", required=False)
    text = _text("What the family said", help_text="In their words as far as you can")
    setting_name = _line("School or college they asked for", max_length=160)
    finished = forms.BooleanField(
        label="They said they have finished commenting, so the plan can be issued", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        self.fields["section"].choices = [("", "The whole plan")] + [
            (s.value, f"Section {s.value}: {pc.SECTION_TITLES[s]}") for s in Section
        ]


class CommentForm(forms.Form):
    section = forms.ChoiceField(label="Which part of the plan", required=False)
    text = _text("Your comment", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "The whole plan")] + [
            (s.value, f"Section {s.value}: {pc.SECTION_TITLES[s]}") for s in Section
        ]


class NamedSettingForm(forms.Form):
    setting_name = _line("The school or college you would like named", required=True, max_length=160)
    text = _text("Why (optional)", max_length=2000)


class MeetingForm(forms.Form):
    text = _text("What you would like to talk about, and when suits you", required=True, max_length=2000)


REQUEST_FORMS = {CommentKind.NAMED_SETTING: NamedSettingForm, CommentKind.MEETING: MeetingForm}


class AnswerForm(forms.Form):
    text = _text("Your answer", required=True, max_length=4000)


class NextVersionForm(forms.Form):
    kind = forms.ChoiceField(label="What to write next", widget=forms.RadioSelect)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["kind"].error_messages = {"required": "Select what to write next"}


# Placements and what the SEN2 return says of the plan (plans/placements.py) -------------------------


def _coded(label: str, code_list, *, none: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", none), *code_list.choices()],
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class PlacementRecordForm(govuk.DatedVersionedForm):
    """A setting named in the plan or attended: one of the council's settings, a URN or UKPRN
    typed, or a type of setting. Works without JavaScript: every way of saying where is shown."""

    named = forms.ChoiceField(
        label="Is this setting named in the plan, or one they attended?",
        choices=[
            ("named", "Named in section I of the plan"),
            ("attended", "Attended while the plan is in force"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the setting is named in the plan or attended"},
    )
    setting = forms.ModelChoiceField(
        label="Setting",
        queryset=Setting.objects.none(),
        required=False,
        empty_label="Not one of these",
        help_text="One of the council's schools, colleges and other settings. Or enter a URN or UKPRN, "
        "or choose a type of setting, below",
    )
    urn = forms.CharField(
        label="URN (optional)",
        required=False,
        max_length=20,
        help_text="For a school not in the list: up to 6 digits, from Get Information about Schools",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    ukprn = forms.CharField(
        label="UKPRN (optional)",
        required=False,
        max_length=20,
        help_text="For a college or training provider not in the list: 8 digits starting with 1",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    sen_setting = forms.ChoiceField(
        label="Type of setting (optional)",
        choices=[("", "Not needed: a setting, URN or UKPRN is given"), *codes.SEN_SETTING.choices()],
        required=False,
        help_text="Only when there is no URN or UKPRN, for example elective home education",
    )
    sen_setting_other = forms.CharField(
        label="The setting, in words (for other, or not in education for another reason)",
        required=False,
        max_length=200,
    )
    rank = forms.ChoiceField(
        label="Main or second placement",
        choices=[("1", "Main placement"), ("2", "Second placement (a dual placement)")],
        widget=forms.RadioSelect,
        initial="1",
        error_messages={"required": "Select whether this is the main or a second placement"},
    )
    entry_on = govuk.DateField(
        label="The day they started there",
        required=False,
        not_in_future=True,
        help_text="For a placement attended. For example, 4 9 2024",
    )
    leaving_on = govuk.DateField(
        label="The day they left (optional)",
        required=False,
        not_in_future=True,
        help_text="Leave blank while they are still there",
    )
    sen_unit = forms.BooleanField(label="In an SEN unit", required=False)
    resourced_provision = forms.BooleanField(label="In resourced provision", required=False)
    residential = _coded("Residential", codes.RESIDENTIAL, none="Not residential")
    work_based = _coded("Work-based learning", codes.WORK_BASED, none="None")

    def __init__(self, *args, local_authority_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = Setting.objects.filter(
            local_authority_id=local_authority_id
        ).order_by("name")

    def details(self):
        data = self.cleaned_data
        return PlacementDetails(
            named=data["named"] == "named",
            where=Where(
                setting=data["setting"],
                urn=data["urn"].strip(),
                ukprn=data["ukprn"].strip(),
                sen_setting=data["sen_setting"],
                sen_setting_other=data["sen_setting_other"].strip(),
            ),
            rank=data["rank"],
            entry_on=data["entry_on"],
            leaving_on=data["leaving_on"],
            sen_unit=data["sen_unit"],
            resourced_provision=data["resourced_provision"],
            residential=data["residential"],
            work_based=data["work_based"],
        )


class EndPlacementForm(govuk.DatedVersionedForm):
    leaving_on = govuk.DateField(label="The day they left", not_in_future=True)


def _yes_no(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not recorded")],
        required=False,
        widget=forms.RadioSelect,
    )


class ReturnDetailsForm(govuk.VersionedForm):
    residential = _coded(
        "Is the placement named in the plan residential?", codes.RESIDENTIAL, none="Not residential"
    )
    work_based = _coded("Does the plan name work-based learning?", codes.WORK_BASED, none="No")
    personal_budget = _yes_no("Has a personal budget been taken up?")
    organised_arrangements = _yes_no("Are there organised arrangements (the council arranges the provision)?")
    direct_payments = _coded(
        "What do direct payments cover?",
        codes.DIRECT_PAYMENT,
        none="No direct payments",
        help_text="Only with a personal budget",
    )

    def changes(self) -> dict:
        data = self.cleaned_data
        flag = {"yes": True, "no": False, "": None}
        return {
            "residential": data["residential"],
            "work_based": data["work_based"],
            "personal_budget": flag[data["personal_budget"]],
            "organised_arrangements": flag[data["organised_arrangements"]],
            "direct_payments": data["direct_payments"],
        }
