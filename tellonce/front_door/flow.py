"""The pages of an online request, in order, and which apply to whom: a school is asked about its
cycles of SEN support, a school or professional about the family and their agreement; a request
about a known child skips the details the council already holds."""

from collections.abc import Callable
from dataclasses import dataclass

from tellonce.front_door import forms
from tellonce.front_door.models import OnlineRequest


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type | None  # None: a page of its own (cycles, evidence)
    applies: Callable[[OnlineRequest], bool] = lambda draft: True
    section: str = ""


def _typed(draft: OnlineRequest) -> bool:
    return draft.child_id is None


def _not_family(draft: OnlineRequest) -> bool:
    return not draft.from_the_family


STEPS = (
    Step("name", "What is the child or young person's name?", forms.NameForm, _typed, "About the child"),
    Step("date-of-birth", "What is their date of birth?", forms.DateOfBirthForm, _typed, "About the child"),
    Step(
        "identifiers",
        "Do you know their NHS number or pupil number?",
        forms.IdentifiersForm,
        _typed,
        "About the child",
    ),
    Step("address", "Where do they live?", forms.AddressForm, section="About the child"),
    Step(
        "setting",
        "Where do they go to school, college or nursery?",
        forms.SettingForm,
        _typed,
        "About the child",
    ),
    Step("reason", "Why are you asking for an assessment?", forms.ReasonForm, section="The request"),
    Step("support", "What support has been tried?", forms.SupportForm, section="The request"),
    Step("cycles", "SEN support: assess, plan, do, review", None, lambda d: d.from_a_school, "The request"),
    Step("evidence", "Upload evidence", None, section="The request"),
    Step("views", "The family's views", forms.ViewsForm, section="The family"),
    Step("family", "Who is the child's parent or carer?", forms.FamilyForm, _not_family, "The family"),
    Step("family-consent", "The family's agreement", forms.FamilyConsentForm, _not_family, "The family"),
    Step("language", "Language and interpreters", forms.LanguageForm, section="The family"),
    Step("consent", "Sharing the request", forms.ConsentForm, section="The family"),
)
BY_SLUG = {step.slug: step for step in STEPS}


def steps_for(draft: OnlineRequest) -> list[Step]:
    return [step for step in STEPS if step.applies(draft)]


def after(draft: OnlineRequest, slug: str) -> str:
    """The slug of the page after `slug` for this draft, or "check" at the end."""
    slugs = [step.slug for step in steps_for(draft)]
    if slug not in slugs:
        return slugs[0] if slugs else "check"
    index = slugs.index(slug)
    return slugs[index + 1] if index + 1 < len(slugs) else "check"


def before(draft: OnlineRequest, slug: str) -> str | None:
    slugs = [step.slug for step in steps_for(draft)]
    if slug in slugs and slugs.index(slug) > 0:
        return slugs[slugs.index(slug) - 1]
    return None
