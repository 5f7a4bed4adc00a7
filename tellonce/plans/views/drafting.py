"""Writing a version: one section at a time, one item at a time, each save checked against the
version of that section the coordinator read, so two people never overwrite each other."""

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.domain import plan_content as pc
from tellonce.domain import plan_quality
from tellonce.domain.plan_content import Section
from tellonce.plans import forms, services
from tellonce.plans.models import BlockingRule
from tellonce.plans.presenters import section_heading
from tellonce.plans.views.common import (
    attempt,
    conflict,
    editable_plan,
    editable_version,
    version_form_page,
    version_url,
)


def _section(code: str) -> Section:
    try:
        return Section(code)
    except ValueError:
        raise Http404 from None


def _initial(stored: dict) -> dict:
    data = dict(stored)
    if "forms" in data:
        data["forms_"] = data.pop("forms")
    for name in ("by_when", "starts_on", "ends_on", "discussed_on", "dated", "assessed_on"):
        if data.get(name):
            data[name] = date.fromisoformat(data[name])
    return data


def _form_kwargs(form_class, version):
    if form_class is forms.PlacementForm:
        return {"local_authority_id": version.plan.child.local_authority_id}
    return {}


@requires(Capability.EDIT_PLAN)
def edit_section(request, pk, number, code):
    section = _section(code)
    if section not in forms.SECTION_FORMS:
        raise Http404
    version = editable_version(request, pk, number)
    row = version.sections.get(code=section)
    form_class = forms.SECTION_FORMS[section]
    initial = _initial(row.data) | {"version": row.version}
    form = form_class(request.POST or None, initial=initial, **_form_kwargs(form_class, version))
    if section in pc.NEEDS_SECTIONS:
        form.fields["text"].label = pc.SECTION_TITLES[section]
    saved = attempt(
        request,
        version,
        form,
        lambda d: services.save_section(
            version,
            section,
            form.data_for_section(),
            by=Actor.of(request),
            expected_version=d["version"],
        ),
        done=f"Section {section} saved",
        then=f"#section-{section}",
    )
    return saved or version_form_page(
        request, version, form, title=section_heading(section), button="Save section"
    )


def _item_form(request, version, section: Section, item: dict | None, row):
    content = version.content()
    form_class = forms.ITEM_FORMS[section]
    initial = (_initial(item) if item else {}) | {"version": row.version}
    extra = (
        {"outcomes": content.outcomes, "advice": content.advice} if form_class is forms.ProvisionForm else {}
    )
    if form_class is forms.AdviceItemForm:
        extra["today"] = uk_today()
    return form_class(request.POST or None, initial=initial, **extra)


ITEM_NAMES = {Section.E: "outcome", Section.K: "advice or information"}


@requires(Capability.EDIT_PLAN)
def edit_item(request, pk, number, code, key=None):
    section = _section(code)
    if section not in forms.ITEM_FORMS:
        raise Http404
    version = editable_version(request, pk, number)
    row = version.sections.get(code=section)
    items = row.data.get("items", [])
    item = next((i for i in items if i.get("key") == key), None) if key else None
    if key and item is None:
        raise Http404
    form = _item_form(request, version, section, item, row)
    saved = attempt(
        request,
        version,
        form,
        lambda d: services.save_item(
            version,
            section,
            form.item(key or services.new_key()),
            by=Actor.of(request),
            expected_version=d["version"],
        ),
        done=f"Section {section} saved",
        then=f"#section-{section}",
    )
    if saved:
        return saved
    noun = ITEM_NAMES.get(section, "provision")
    title = f"{'Change' if key else 'Add'} {noun}: section {section}"
    return version_form_page(
        request, version, form, title=title, button="Save", intro=section_heading(section)
    )


@requires(Capability.EDIT_PLAN)
def remove_item(request, pk, number, code, key):
    section = _section(code)
    version = editable_version(request, pk, number)
    row = get_object_or_404(version.sections, code=section)
    item = next((i for i in row.data.get("items", []) if i.get("key") == key), None)
    if item is None:
        raise Http404
    form = forms.Versioned(request.POST or None, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_item(
                version,
                section,
                key,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            return conflict(request, version)
        messages.success(request, f"Removed from section {section}")
        return redirect(version_url(version) + f"#section-{section}")
    name = item.get("what") or item.get("text") or item.get("title") or "this item"
    return version_form_page(
        request,
        version,
        form,
        title=f"Remove {name[:80]} from section {section}?",
        button="Remove it",
        intro="It stays in earlier versions of the plan.",
    )


@requires(Capability.EDIT_PLAN)
def officers(request, pk):
    plan = editable_plan(request, pk)
    version = plan.latest_version()
    version.plan = plan
    form = forms.OfficersForm(
        request.POST or None,
        initial={
            "version": plan.version,
            "named_officer": plan.named_officer,
            "coordinator": plan.coordinator,
        },
        local_authority_id=plan.child.local_authority_id,
    )
    saved = attempt(
        request,
        version,
        form,
        lambda d: services.set_officers(
            plan,
            named_officer=d["named_officer"],
            coordinator=d["coordinator"],
            by=Actor.of(request),
            expected_version=d["version"],
        ),
        done="Named officer and coordinator saved",
    )
    return saved or version_form_page(
        request, version, form, title="Named officer and EHC coordinator", button="Save"
    )


@requires(Capability.EDIT_PLAN)
def acknowledge(request, pk, number):
    """Acknowledge one finding, or several with one reason (the blocking ones first)."""
    version = editable_version(request, pk, number, working=False)
    key = request.GET.get("finding", "")
    today = uk_today()
    done = set(version.acknowledgements.values_list("key", flat=True))
    blocking = BlockingRule.codes_for(version.plan.child.local_authority_id)
    open_findings = sorted(
        (f for f in version.findings(today) if f.key not in done),
        key=lambda f: (f.code not in blocking, f.section or "", f.key),
    )
    if key and key not in {f.key for f in open_findings}:
        raise Http404
    if not open_findings:
        messages.success(request, "Every finding has been put right or acknowledged")
        return redirect(version_url(version))
    choices = [
        (
            f.key,
            f"{'Section ' + f.section + ': ' if f.section else ''}{plan_quality.CHECKS[f.code].title}. {f.message}",
        )
        for f in open_findings
    ]
    form = forms.AcknowledgeForm(
        request.POST or None, findings=choices, initial={"findings": [key] if key else []}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["findings"]
        try:
            services.acknowledge_many(
                version, keys=chosen, reason=form.cleaned_data["reason"], by=Actor.of(request), today=today
            )
        except InvalidStep as invalid:
            for problem in invalid.problems:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                "Finding acknowledged" if len(chosen) == 1 else f"{len(chosen)} findings acknowledged",
            )
            section = next((f.section for f in open_findings if f.key == chosen[0]), "")
            return redirect(
                version_url(version) + (f"#section-{section}" if len(chosen) == 1 and section else "")
            )
    return version_form_page(
        request,
        version,
        form,
        title="Acknowledge findings",
        button="Acknowledge",
        intro="A finding you acknowledge stays on the plan's record with your reason, and no longer stops it being issued.",
    )
