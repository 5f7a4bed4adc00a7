"""The pages of the person asking: start a request, answer one question a page (saving as they
go, or to come back later), add SEN support cycles and evidence, check and send; then their
requests and each one's status. Requests are reached only through the scopes `editable_by(user)`
(a draft of their own) and `visible_to(user)`."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, requires, scope
from tellonce.audit.shown import exported, listed, shown
from tellonce.core.formatting import govuk_date
from tellonce.core.limits import accepts_uploads
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, show_problems
from tellonce.front_door import flow, forms, services
from tellonce.front_door.matching import mentioned
from tellonce.front_door.models import OnlineRequest, RequestDocument
from tellonce.front_door.presenters import answer_rows, status_of
from tellonce.organisations.councils import council_for_request, council_id
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.sen_support.models import Cycle

SAVED = "Your answers have been saved. You can come back to this request at any time."


def posted(request):
    """The posted data, or None for a GET: an empty POST is still a POST, and shows its errors."""
    return request.POST if request.method == "POST" else None


def known_children(user):
    """The children a requester may choose instead of typing: a parent's own children, the pupils
    of a SENCO's school, the children a professional works with."""
    if scope(user, Capability.SEE_OWN_CHILDREN) == Scope.FAMILY:
        return Child.objects.within_scope(user, Capability.SEE_OWN_CHILDREN)
    if scope(user, Capability.SEE_OWN_CHILDREN) == Scope.SELF:
        return Child.objects.visible_to(user).none()
    return Child.objects.visible_to(user).filter(anonymised_on__isnull=True)


def _councils(request) -> list[LocalAuthority]:
    """Staff ask their own council; a family the council of the address the service was reached at,
    or the only one, or the one they choose (ADR 57)."""
    own = council_id(request.user)
    if own is not None:
        return list(LocalAuthority.objects.filter(pk=own))
    try:
        return [council_for_request(request)]
    except Http404:
        return list(LocalAuthority.objects.order_by("name"))


@requires(Capability.MAKE_REQUEST)
def mine(request):
    found = list(
        OnlineRequest.objects.visible_to(request.user)
        .select_related("local_authority", "assessment")
        .order_by("-created_at")
    )
    listed(request, mentioned(found))
    drafts = [r for r in found if r.status == "draft"]
    sent = [(r, status_of(r, uk_today())) for r in found if r.status != "draft"]
    return render(
        request,
        "front_door/mine.jinja",
        {"title": "Requests for an EHC needs assessment", "drafts": drafts, "sent": sent},
    )


@requires(Capability.MAKE_REQUEST)
def start(request):
    councils = _councils(request)
    form = forms.CouncilChoiceForm(posted(request))
    form.fields["council"].choices = [(str(c.pk), c.name) for c in councils]
    if len(councils) == 1:
        form = forms.CouncilChoiceForm({"council": str(councils[0].pk)})
        form.fields["council"].choices = [(str(councils[0].pk), councils[0].name)]
        ask = False
    else:
        ask = True
    if request.method == "POST" and form.is_valid():
        council = next(c for c in councils if str(c.pk) == form.cleaned_data["council"])
        draft = services.start(by=Actor.of(request), local_authority=council, today=uk_today())
        first = "who" if known_children(request.user).exists() else flow.after(draft, "")
        return redirect("front_door:step", pk=draft.pk, step=first)
    return render(
        request,
        "front_door/start.jinja",
        {
            "title": "Ask for an EHC needs assessment",
            "form": form,
            "ask_council": ask and len(councils) > 1,
            "no_council": not councils,
            "is_family": scope(request.user, Capability.SEE_OWN_CHILDREN) is not None,
            "back_link": reverse("front_door:mine"),
        },
    )


def _draft(request, pk) -> OnlineRequest:
    draft = get_object_or_404(
        OnlineRequest.objects.editable_by(request.user).select_related("child", "local_authority"), pk=pk
    )
    if draft.child_id:
        shown(request, draft.child)
    listed(request, mentioned([draft]))
    return draft


def _initial(draft: OnlineRequest, form_class) -> dict:
    values = {"version": draft.version}
    for name in form_class.base_fields:
        if hasattr(draft, name) and name != "child":
            values[name] = getattr(draft, name)
    if "interpreter_needed" in values:
        needed = values["interpreter_needed"]
        values["interpreter_needed"] = "" if needed is None else ("yes" if needed else "no")
    return values


def _answers(cleaned: dict) -> dict:
    answers = {k: v for k, v in cleaned.items() if k != "version"}
    if "interpreter_needed" in answers:
        answers["interpreter_needed"] = answers["interpreter_needed"] == "yes"
        if not answers["interpreter_needed"]:
            answers["interpreter_language"] = ""
    return answers


def _next(request, draft: OnlineRequest, slug: str):
    if request.POST.get("action") == "save-and-return":
        messages.success(request, SAVED)
        return redirect("front_door:mine")
    if request.GET.get("return") == "check":
        return redirect("front_door:step", pk=draft.pk, step="check")
    return redirect("front_door:step", pk=draft.pk, step=flow.after(draft, slug))


def _back(draft: OnlineRequest, slug: str, has_who: bool) -> str:
    previous = flow.before(draft, slug)
    if previous is None:
        previous = "who" if has_who and slug != "who" else None
    if previous is None:
        return reverse("front_door:mine")
    return reverse("front_door:step", kwargs={"pk": draft.pk, "step": previous})


@requires(Capability.MAKE_REQUEST)
def step(request, pk, step):
    draft = _draft(request, pk)
    if step == "who":
        return _who(request, draft)
    if step == "check":
        return _check(request, draft)
    if step == "cycles":
        return _cycles(request, draft)
    page = flow.BY_SLUG.get(step)
    if page is None or page.form is None:
        raise Http404("No such question")
    form = _form(request, draft, page)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(
                draft,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"],
                answers=_answers(form.cleaned_data),
            )
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:mine"))
        return _next(request, draft, step)
    return _question(request, draft, page.title, form, step)


def _form(request, draft, page):
    data = request.POST if request.method == "POST" else None
    kwargs = {"today": uk_today()} if issubclass(page.form, forms.DatedForm) else {}
    if page.form is forms.SupportForm:
        kwargs["required"] = not draft.from_a_school
    return page.form(data, initial=_initial(draft, page.form), **kwargs)


def _question(request, draft, title, form, slug, **extra):
    has_who = known_children(request.user).exists()
    return render(
        request,
        "front_door/question.jinja",
        {
            "title": title,
            "form": form,
            "draft": draft,
            "caption": f"Request {draft.ref}",
            "back_link": _back(draft, slug, has_who),
            **extra,
        },
        status=200,
    )


def _who(request, draft):
    options = list(known_children(request.user).order_by("family_name", "given_name")[:500])
    if not options:
        raise Http404("No children to choose from")
    listed(request, options)
    form = forms.WhoForm(posted(request), initial={"version": draft.version, "child": draft.child_id or ""})
    choices = [(str(c.pk), f"{c.full_name}, born {govuk_date(c.date_of_birth)}") for c in options]
    form.fields["child"].choices = [*choices, (forms.SOMEONE_ELSE, "Someone else")]
    if len(options) > 10:
        from django import forms as django_forms

        form.fields["child"].widget = django_forms.Select()
        form.fields["child"].choices = [("", "Choose"), *form.fields["child"].choices]
    if request.method == "POST" and form.is_valid():
        chosen = next((c for c in options if str(c.pk) == form.cleaned_data["child"]), None)
        try:
            services.save_answers(
                draft,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"],
                answers={"child": chosen},
            )
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:mine"))
        return _next(request, draft, "who")
    return _question(request, draft, "Who is the request about?", form, "who")


def _recorded_cycles(request, draft) -> list:
    """The cycles the school recorded for the request's child (sen_support), to attach."""
    if draft.child_id is None or scope(request.user, Capability.RECORD_SEN_SUPPORT) is None:
        return []
    attached = set(draft.cycles.exclude(recorded_cycle=None).values_list("recorded_cycle_id", flat=True))
    found = Cycle.objects.within_scope(request.user, Capability.RECORD_SEN_SUPPORT).filter(
        child_id=draft.child_id
    )
    return [c for c in found if c.pk not in attached]


def _cycles(request, draft):
    recorded = _recorded_cycles(request, draft)
    if request.method == "POST" and request.POST.get("action") == "attach":
        chosen = next((c for c in recorded if str(c.pk) == request.POST.get("recorded")), None)
        if chosen is None:
            raise Http404("No such cycle")
        try:
            services.attach_cycle(
                draft,
                by=Actor.of(request),
                expected_version=_version(request),
                recorded=chosen,
                today=uk_today(),
            )
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:mine"))
        messages.success(request, f"The cycle from {govuk_date(chosen.started_on)} is attached")
        return redirect("front_door:step", pk=draft.pk, step="cycles")
    adding = request.POST.get("action") == "add" or _filled(request)
    form = forms.CycleForm(
        request.POST if adding else None,
        initial={"version": draft.version},
        today=uk_today(),
    )
    actor = Actor.of(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                services.remove_cycle(
                    draft, by=actor, expected_version=_version(request), cycle_id=_id(request, "cycle")
                )
                return redirect("front_door:step", pk=draft.pk, step="cycles")
            if adding and form.is_valid():
                data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
                services.add_cycle(
                    draft,
                    by=actor,
                    expected_version=form.cleaned_data["version"],
                    cycle=data,
                    today=uk_today(),
                )
                if request.POST.get("action") != "add":
                    return _next(request, draft, "cycles")
                messages.success(request, "SEN support cycle added")
                return redirect("front_door:step", pk=draft.pk, step="cycles")
            if not adding and request.POST.get("action") in ("continue", "save-and-return"):
                return _next(request, draft, "cycles")
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:mine"))
        except InvalidStep as invalid:
            show_problems(form, invalid)
    return _question(
        request,
        draft,
        "SEN support: assess, plan, do, review",
        form,
        "cycles",
        template_part="cycles",
        cycles=list(draft.cycles.all()),
        recorded=recorded,
    )


@accepts_uploads
@requires(Capability.MAKE_REQUEST)
def evidence(request, pk):
    """The evidence page on its own address: the only page of a request that takes files."""
    return _evidence(request, _draft(request, pk))


def _evidence(request, draft):
    uploading = request.POST.get("action") == "upload" or bool(request.FILES.get("file"))
    form = forms.EvidenceForm(
        request.POST if uploading else None,
        request.FILES if uploading else None,
        initial={"version": draft.version},
    )
    actor = Actor.of(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                services.remove_document(
                    draft, by=actor, expected_version=_version(request), document_id=_id(request, "document")
                )
                return redirect("front_door:step", pk=draft.pk, step="evidence")
            if uploading and form.is_valid():
                services.add_document(
                    draft,
                    by=actor,
                    expected_version=form.cleaned_data["version"],
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                )
                if request.POST.get("action") != "upload":
                    return _next(request, draft, "evidence")
                messages.success(request, f"{form.cleaned_data['file'].name} uploaded")
                return redirect("front_door:step", pk=draft.pk, step="evidence")
            if not uploading and request.POST.get("action") in ("continue", "save-and-return"):
                return _next(request, draft, "evidence")
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:mine"))
    return _question(
        request,
        draft,
        "Upload evidence" if not draft.from_a_school else "Upload the school's evidence",
        form,
        "evidence",
        template_part="evidence",
        documents=list(draft.documents.all()),
    )


def _filled(request) -> bool:
    """Whether a cycle was typed in before another button was pressed: it is added first, so
    nothing typed is lost."""
    ignored = {"csrfmiddlewaretoken", "version", "action", "recorded"}
    return any(value.strip() for key, value in request.POST.items() if key not in ignored)


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise Http404("No version") from None


def _id(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404(f"No {name}") from None


def _check(request, draft):
    form = forms.SubmitForm(posted(request), initial={"version": draft.version})
    problems = services.missing(draft)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit(
                draft, by=Actor.of(request), expected_version=form.cleaned_data["version"], today=uk_today()
            )
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:mine"))
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"Request sent. Your reference is {draft.ref}")
            return redirect("front_door:detail", pk=draft.pk)
    return render(
        request,
        "front_door/check.jinja",
        {
            "title": "Check your answers before sending the request",
            "form": form,
            "draft": draft,
            "rows": answer_rows(draft, editable=True),
            "cycles": list(draft.cycles.all()),
            "documents": list(draft.documents.all()),
            "problems": problems,
            "back_link": _back(draft, "check", known_children(request.user).exists())
            if flow.steps_for(draft)
            else reverse("front_door:mine"),
            "last_step": flow.steps_for(draft)[-1].slug,
        },
    )


@requires(Capability.MAKE_REQUEST)
def detail(request, pk):
    found = get_object_or_404(
        OnlineRequest.objects.visible_to(request.user).select_related(
            "child", "local_authority", "assessment", "requester"
        ),
        pk=pk,
    )
    if found.status == "draft":
        return redirect("front_door:step", pk=found.pk, step="check")
    if found.child_id:
        shown(request, found.child)
    listed(request, mentioned([found]))
    return render(
        request,
        "front_door/detail.jinja",
        {
            "title": f"Request {found.ref}",
            "found": found,
            "status": status_of(found, uk_today()),
            "rows": answer_rows(found, editable=False),
            "cycles": list(found.cycles.all()),
            "documents": list(found.documents.all()),
            "back_link": reverse("front_door:mine"),
        },
    )


@requires(Capability.MAKE_REQUEST, Capability.TRIAGE_REQUESTS)
def document(request, pk, document_pk):
    doc = get_object_or_404(
        RequestDocument.objects.visible_to(request.user).select_related("request__child"),
        pk=document_pk,
        request_id=pk,
    )
    if doc.request.child_id:
        exported(request, [doc.request.child], what=f"Downloaded {doc.original_name}")
    response = FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.original_name, content_type=doc.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
