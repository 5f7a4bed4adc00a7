"""The council's own details, its teams, localities, health providers, schools and settings, and
loading settings from a GIAS establishment file."""

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.administration import forms, services
from tellonce.administration.prepared import GIAS_UPLOAD
from tellonce.administration.views.common import council_of, paged, table_page
from tellonce.core.limits import accepts_uploads
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.views import edit_conflict, form_page, show_problems
from tellonce.domain.education_settings import PHASE_LABELS, SettingPhase
from tellonce.jobs.prepared import request_file
from tellonce.organisations.models import HealthProvider, LocalAuthority, Locality, Setting, Team

ORGANISATIONS = Capability.MANAGE_ORGANISATIONS
FIELDS = {model: tuple(fields) for model, fields in services.organisations.EDITABLE.items()}


def _save(request: Any, form: Any, record: Any, model: type, *, back: str, done: str) -> Any:
    """Add the record (none yet) or change it; None when the form is to be shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    values = {name: form.cleaned_data[name] for name in FIELDS[model]}
    try:
        if record is None:
            record = services.add(model, by=Actor.of(request), values=values)
        else:
            services.change(
                record,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"] or 0,
                values=values,
            )
    except EditConflict:
        return edit_conflict(request, back=back)
    except InvalidStep as invalid:
        show_problems(form, invalid)
        return None
    messages.success(request, done.format(record=record))
    return redirect(back)


def _edit(
    request: Any, model: type, form_class: type, record: Any, *, noun: str, back: str, **form_kwargs: Any
) -> Any:
    editing = record is not None
    initial = (
        {name: getattr(record, name) for name in FIELDS[model]} | {"version": record.version}
        if editing
        else {}
    )
    form = form_class(request.POST or None, initial=initial, editing=editing, **form_kwargs)
    done = "{record} has been saved" if editing else "{record} has been added"
    saved = _save(request, form, record, model, back=back, done=done)
    title = f"Change {record}" if editing else f"Add a {noun}"
    return saved or form_page(request, form, title=title, button="Save", back=back, caption="Administration")


def _of_council(request: Any, model: type, pk: int) -> Any:
    return get_object_or_404(model.objects.filter(local_authority_id=council_of(request)), pk=pk)


# The council


@requires(ORGANISATIONS)
def council(request: Any) -> Any:
    record = get_object_or_404(LocalAuthority, pk=council_of(request))
    back = reverse("administration:home")
    initial = {name: getattr(record, name) for name in services.COUNCIL_FIELDS} | {"version": record.version}
    form = forms.CouncilForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.COUNCIL_FIELDS}
        try:
            services.change_council(
                by=Actor.of(request), expected_version=form.cleaned_data["version"] or 0, values=values
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, "The council's details have been saved")
            return redirect(back)
    intro = "The SEN2 return's header gives the LA code and whether each designated officer is in post."
    return form_page(
        request,
        form,
        title="The council's details",
        button="Save",
        back=back,
        intro=intro,
        caption="Administration",
    )


# Teams


@requires(ORGANISATIONS)
def teams(request: Any) -> Any:
    found = Team.objects.filter(local_authority_id=council_of(request)).select_related("provider", "locality")
    page = paged(request, found)
    rows = [
        [
            (team.name, reverse("administration:team", args=[team.pk])),
            team.get_service_display(),
            str(team.provider or ""),
            team.email,
        ]
        for team in page
    ]
    return table_page(
        request,
        title="Teams",
        intro="Health teams, social care teams and the council's own teams: advice is asked of them and professionals work in them.",
        actions=[("Add a team", reverse("administration:team-add"))],
        head=["Name", "Kind", "Health provider", "Email address"],
        rows=rows,
        page=page,
        caption=f"{page.paginator.count:,} teams",
        empty="The council has no teams yet.",
        back_link=reverse("administration:home"),
    )


@requires(ORGANISATIONS)
def team(request: Any, pk: int | None = None) -> Any:
    record = _of_council(request, Team, pk) if pk is not None else None
    back = reverse("administration:teams")
    return _edit(
        request, Team, forms.TeamForm, record, noun="team", back=back, council_id=council_of(request)
    )


# Localities


@requires(ORGANISATIONS)
def localities(request: Any) -> Any:
    page = paged(request, Locality.objects.filter(local_authority_id=council_of(request)))
    rows = [
        [(place.name, reverse("administration:locality", args=[place.pk])), place.postcode_districts]
        for place in page
    ]
    return table_page(
        request,
        title="Localities",
        intro="The parts of the area that waiting lists, teams and settings are grouped by.",
        actions=[("Add a locality", reverse("administration:locality-add"))],
        head=["Name", "Postcode districts"],
        rows=rows,
        page=page,
        caption=f"{page.paginator.count:,} localities",
        empty="The council has no localities yet.",
        back_link=reverse("administration:home"),
    )


@requires(ORGANISATIONS)
def locality(request: Any, pk: int | None = None) -> Any:
    record = _of_council(request, Locality, pk) if pk is not None else None
    return _edit(
        request,
        Locality,
        forms.LocalityForm,
        record,
        noun="locality",
        back=reverse("administration:localities"),
    )


# Health providers and the services they run


@requires(ORGANISATIONS)
def providers(request: Any) -> Any:
    page = paged(request, HealthProvider.objects.filter(local_authority_id=council_of(request)))
    rows = []
    for provider in page:
        services_run = sorted({team.get_service_display() for team in provider.teams.all()})
        rows.append(
            [
                (provider.name, reverse("administration:provider", args=[provider.pk])),
                provider.ods_code,
                ", ".join(services_run),
            ]
        )
    return table_page(
        request,
        title="Health providers",
        intro="The NHS trusts and other providers whose teams give health advice, and the services their teams run.",
        actions=[("Add a health provider", reverse("administration:provider-add"))],
        head=["Name", "ODS code", "Services its teams run"],
        rows=rows,
        page=page,
        caption=f"{page.paginator.count:,} health providers",
        empty="The council has no health providers yet.",
        back_link=reverse("administration:home"),
    )


@requires(ORGANISATIONS)
def provider(request: Any, pk: int | None = None) -> Any:
    record = _of_council(request, HealthProvider, pk) if pk is not None else None
    back = reverse("administration:providers")
    if record is None:
        return _edit(request, HealthProvider, forms.ProviderForm, None, noun="health provider", back=back)
    initial = {name: getattr(record, name) for name in FIELDS[HealthProvider]} | {"version": record.version}
    form = forms.ProviderForm(request.POST or None, initial=initial)
    saved = _save(request, form, record, HealthProvider, back=back, done="{record} has been saved")
    if saved:
        return saved
    run = record.teams.filter(local_authority_id=council_of(request)).order_by("service", "name")
    return render(
        request,
        "administration/provider.jinja",
        {
            "title": f"Change {record}",
            "form": form,
            "teams": [(team, team.get_service_display()) for team in run],
            "back_link": back,
        },
    )


# Schools and settings


def _settings_found(request: Any, form: forms.FindSettingsForm) -> Any:
    found = Setting.objects.filter(local_authority_id=council_of(request))
    if form.is_valid():
        for word in form.cleaned_data["q"].split():
            found = found.filter(Q(name__icontains=word) | Q(urn=word) | Q(ukprn=word))
        if phase := form.cleaned_data["phase"]:
            found = found.filter(phase=phase)
    return found


@requires(ORGANISATIONS)
def settings_list(request: Any) -> Any:
    form = forms.FindSettingsForm(request.GET or None)
    page = paged(request, _settings_found(request, form))
    rows = [
        [
            (setting.name, reverse("administration:setting", args=[setting.pk])),
            setting.urn or setting.ukprn,
            PHASE_LABELS.get(SettingPhase(setting.phase), setting.phase)
            if setting.phase in SettingPhase
            else setting.phase,
            setting.postcode,
        ]
        for setting in page
    ]
    return table_page(
        request,
        title="Schools and settings",
        intro="The council's schools, colleges and other settings: the places a child is on the roll of.",
        actions=[
            ("Add a setting", reverse("administration:setting-add")),
            ("Upload a GIAS file", reverse("administration:gias")),
        ],
        filter_form=form,
        head=["Name", "URN or UKPRN", "Phase", "Postcode"],
        rows=rows,
        page=page,
        caption=f"{page.paginator.count:,} settings",
        empty="No settings match.",
        back_link=reverse("administration:home"),
    )


@requires(ORGANISATIONS)
def setting(request: Any, pk: int | None = None) -> Any:
    record = _of_council(request, Setting, pk) if pk is not None else None
    back = reverse("administration:settings")
    return _edit(
        request,
        Setting,
        forms.SettingForm,
        record,
        noun="school or setting",
        back=back,
        council_id=council_of(request),
    )


@accepts_uploads
@requires(ORGANISATIONS)
def gias(request: Any) -> Any:
    form = forms.GiasUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        prepared = request_file(
            GIAS_UPLOAD,
            by=Actor.of(request),
            council_id=council_of(request),
            title="Settings from a GIAS establishment file",
            upload=form.cleaned_data["file"],
        )
        return redirect("files:prepared", pk=prepared.pk)
    return render(
        request,
        "administration/gias.jinja",
        {
            "title": "Upload a GIAS establishment file",
            "form": form,
            "back_link": reverse("administration:settings"),
        },
    )
