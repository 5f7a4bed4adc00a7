"""A child's mediation and appeals: the list, one appeal with its orders, and the forms that record
them (council caseworkers); the family reads the same pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.appeals import forms, presenters, services
from tellonce.appeals.models import Appeal, Mediation, TribunalOrder
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.shown import shown
from tellonce.core.formatting import govuk_date
from tellonce.core.forms import service_kwargs
from tellonce.core.time import uk_today, working_days
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.people.models import Child
from tellonce.plans.models import Plan

SEE, RECORD = Capability.SEE_APPEALS, Capability.RECORD_APPEALS


def _child(request, pk, capability: Capability) -> Child:
    child = get_object_or_404(Child.objects.within_scope(request.user, capability), pk=pk)
    shown(request, child, what="Viewed mediation and appeals")
    return child


def _child_url(child_id) -> str:
    return reverse("appeals:child", kwargs={"child_pk": child_id})


def _records(request, child) -> dict[str, tuple[str, object]]:
    """The child's records a decision can be in, by form value: (label, record)."""
    found: dict[str, tuple[str, object]] = {}
    for case in AssessmentRequest.objects.editable_by(request.user).filter(child=child):
        found[f"assessment:{case.pk}"] = (f"Assessment {case.ref}", case)
    plans = Plan.objects.editable_by(request.user).filter(child=child).prefetch_related("ceasings")
    for plan in plans:
        found[f"plan:{plan.pk}"] = (f"EHC plan {plan.ref}", plan)
        for ceasing in plan.ceasings.all():
            if ceasing.notice_sent_on:
                found[f"ceasing:{ceasing.pk}"] = (
                    f"Decision to cease {plan.ref}, notice sent {govuk_date(ceasing.notice_sent_on)}",
                    ceasing,
                )
    return found


def _linked(form, records) -> dict[str, object]:
    chosen = form.cleaned_data.get("about") or ""
    if not chosen:
        return {}
    kind = chosen.partition(":")[0]
    return {kind: records[chosen][1]}


def _step(request, child, form, act, *, title: str, done: str, to: str, intro: str = ""):
    saved = attempt(request, form, act, done=done, to=to, on_conflict=lambda: edit_conflict(request, child))
    return saved or form_page(
        request, form, title=title, caption=child.full_name, button="Save", back=to, intro=intro
    )


@requires(SEE)
def child_appeals(request, child_pk):
    child = _child(request, child_pk, SEE)
    today, calendar = uk_today(), working_days()
    mediations = Mediation.objects.visible_to(request.user).filter(child=child)
    appeals = list(Appeal.objects.visible_to(request.user).filter(child=child).prefetch_related("orders"))
    appealed = {a.mediation_id: a.registered_on for a in appeals if a.mediation_id}
    return render(
        request,
        "appeals/child.jinja",
        {
            "title": "Mediation and appeals",
            "child": child,
            "mediations": [
                (
                    m,
                    presenters.mediation_deadlines(
                        m, today=today, calendar=calendar, appealed_on=appealed.get(m.pk)
                    ),
                )
                for m in mediations
            ],
            "appeals": [
                (
                    a,
                    presenters.appeal_summary(a),
                    presenters.next_deadline_text(a, list(a.orders.all()), today)[0],
                )
                for a in appeals
            ],
            "can_record": Child.objects.within_scope(request.user, RECORD).filter(pk=child.pk).exists(),
            "back_link": reverse("workspace:child", kwargs={"pk": child.pk}),
        },
    )


@requires(SEE)
def appeal_detail(request, pk):
    appeal = get_object_or_404(
        Appeal.objects.visible_to(request.user).select_related("child", "mediation"), pk=pk
    )
    shown(request, appeal.child, what="Viewed an appeal")
    today = uk_today()
    orders = list(appeal.orders.all())
    return render(
        request,
        "appeals/appeal.jinja",
        {
            "title": f"Appeal about {appeal.ground_phrase()}",
            "appeal": appeal,
            "child": appeal.child,
            "summary": presenters.appeal_summary(appeal),
            "next": presenters.next_deadline_text(appeal, orders, today)[0],
            "orders": [(o, presenters.order_deadlines(o, today=today)) for o in orders],
            "can_record": Appeal.objects.editable_by(request.user).filter(pk=appeal.pk).exists(),
            "back_link": _child_url(appeal.child_id),
        },
    )


@requires(RECORD)
def mediation_new(request, child_pk):
    child = _child(request, child_pk, RECORD)
    today, records = uk_today(), _records(request, child)
    form = forms.MediationForm(
        request.POST or None, today=today, records=[(k, label) for k, (label, _) in records.items()]
    )

    def act(d):
        kept = {k: v for k, v in d.items() if k != "about"}
        return services.record_mediation(
            child, by=Actor.of(request), today=today, **kept, **_linked(form, records)
        )

    return _step(
        request,
        child,
        form,
        act,
        title="Record mediation",
        done="Mediation recorded",
        to=_child_url(child.pk),
        intro="The family must contact the mediation adviser within 2 months of the decision notice (reg. 33).",
    )


@requires(RECORD)
def mediation_edit(request, pk):
    mediation = get_object_or_404(Mediation.objects.editable_by(request.user).select_related("child"), pk=pk)
    child = mediation.child
    shown(request, child, what="Viewed mediation")
    today = uk_today()
    initial = {
        name: getattr(mediation, name)
        for name in ("contacted_on", "certificate_kind", "certificate_on", "held_on", "outcome", "notes")
    }
    form = forms.MediationUpdateForm(
        request.POST or None, today=today, initial=initial | {"version": mediation.version}
    )

    def act(d):
        return services.update_mediation(mediation, by=Actor.of(request), today=today, **service_kwargs(d))

    return _step(
        request,
        child,
        form,
        act,
        title="Mediation: certificate and outcome",
        done="Mediation updated",
        to=_child_url(child.pk),
        intro="The adviser issues a certificate within 3 working days; mediation must be held within 30 days.",
    )


@requires(RECORD)
def appeal_new(request, child_pk):
    child = _child(request, child_pk, RECORD)
    today, records = uk_today(), _records(request, child)
    mediations = {str(m.pk): m for m in Mediation.objects.editable_by(request.user).filter(child=child)}
    form = forms.AppealForm(
        request.POST or None,
        today=today,
        records=[(k, label) for k, (label, _) in records.items()],
        mediations=[
            (pk, f"{m.get_ground_display()}, certificate {govuk_date(m.certificate_on, 'not yet issued')}")
            for pk, m in mediations.items()
        ],
    )

    def act(d):
        kept = {k: v for k, v in d.items() if k not in ("about", "mediation", "sections")}
        return services.register_appeal(
            child,
            by=Actor.of(request),
            today=today,
            sections="".join(d["sections"]),
            mediation=mediations.get(d["mediation"]),
            **kept,
            **_linked(form, records),
        )

    return _step(
        request,
        child,
        form,
        act,
        title="Record an appeal to the SEND Tribunal",
        done="Appeal recorded",
        to=_child_url(child.pk),
    )


@requires(RECORD)
def appeal_edit(request, pk):
    appeal = get_object_or_404(Appeal.objects.editable_by(request.user).select_related("child"), pk=pk)
    child = appeal.child
    shown(request, child, what="Viewed an appeal")
    today = uk_today()
    names = (
        "tribunal_ref",
        "response_due_on",
        "response_sent_on",
        "hearing_on",
        "decided_on",
        "outcome",
        "notes",
    )
    initial = {name: getattr(appeal, name) for name in names} | {"version": appeal.version}
    form = forms.AppealUpdateForm(request.POST or None, today=today, initial=initial)

    def act(d):
        return services.update_appeal(appeal, by=Actor.of(request), today=today, **service_kwargs(d))

    return _step(
        request,
        child,
        form,
        act,
        title="Update the appeal",
        done="Appeal updated",
        to=reverse("appeals:appeal", kwargs={"pk": appeal.pk}),
    )


@requires(RECORD)
def order_new(request, pk):
    appeal = get_object_or_404(Appeal.objects.editable_by(request.user).select_related("child"), pk=pk)
    shown(request, appeal.child, what="Viewed an appeal")
    today = uk_today()
    form = forms.OrderForm(request.POST or None, today=today)

    def act(d):
        return services.add_order(appeal, by=Actor.of(request), today=today, **d)

    return _step(
        request,
        appeal.child,
        form,
        act,
        title="Record the Tribunal's order",
        done="Order recorded",
        to=reverse("appeals:appeal", kwargs={"pk": appeal.pk}),
        intro="The council must comply within the time reg. 44 sets for each order; Tellonce works out the date.",
    )


@requires(RECORD)
def order_complied(request, pk):
    order = get_object_or_404(
        TribunalOrder.objects.editable_by(request.user).select_related("appeal__child"), pk=pk
    )
    if order.complied_on:
        raise Http404
    child = order.appeal.child
    shown(request, child, what="Viewed an appeal")
    today = uk_today()
    form = forms.ComplianceForm(request.POST or None, today=today, initial={"version": order.version})

    def act(d):
        return services.record_compliance(order, by=Actor.of(request), today=today, **service_kwargs(d))

    return _step(
        request,
        child,
        form,
        act,
        title=f"Complied with the order: {order.get_kind_display().lower()}",
        done="Compliance recorded",
        to=reverse("appeals:appeal", kwargs={"pk": order.appeal_id}),
    )
