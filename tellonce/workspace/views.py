"""Pages that join several apps: the home page that sends each role to its starting page, the
child's page, which gathers the record, assessments, plans,
advice and waiting-list referrals the user may see."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.advice.models import AdviceRequest
from tellonce.audit import services as audit
from tellonce.audit.shown import listed
from tellonce.core.access import signed_in
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import show_problems
from tellonce.people.models import Child
from tellonce.people.presenters import ChildSummary, WhoDecides, family_rows
from tellonce.waiting_lists.models import Referral
from tellonce.workspace import services
from tellonce.workspace.forms import AllocationForm
from tellonce.workspace.presenters import assessment_summaries, plans_of
from tellonce.workspace.work import caseload_size, first_for, unallocated

# Where each kind of work starts, first match first; the board's start is the partnership dashboard.
START_PAGES = (
    (Capability.WORK_CASELOAD, "workspace:my-work"),
    (Capability.FIND_CHILD, "people:find"),
    (Capability.SEE_OWN_CHILDREN, "people:my-children"),
    (Capability.MANAGE_LOCAL_OFFER, "local_offer:manage"),
    (Capability.KEEP_LISTINGS, "local_offer:my-listings"),
    (Capability.LIST_CHILDREN_WORKED_WITH, "people:list"),
    (Capability.NOTIFY_EARLY_YEARS, "early_years:notifications"),
)


@signed_in
def home(request):
    for capability, page in START_PAGES:
        if allows(request.user, capability):
            return redirect(page)
    if allows(request.user, Capability.SEE_PARTNERSHIP_DASHBOARD):
        return redirect("partnership:dashboard")  # the board's start: its dashboard, with the totals
    return render(request, "workspace/nothing_yet.jinja", {"title": "Tellonce"})


@requires(Capability.VIEW_CHILD)
def child(request, pk):
    children = Child.objects.visible_to(request.user).select_related(
        "setting", "next_setting", "locality", "coordinator"
    )
    child = get_object_or_404(children, pk=pk)
    audit.record_read(Actor.of(request), child)
    is_family = scope(request.user, Capability.VIEW_CHILD) in (Scope.FAMILY, Scope.SELF)
    timeline = child.timeline.select_related("actor")
    if is_family:
        timeline = timeline.filter(visible_to_family=True)
    today = uk_today()
    return render(
        request,
        "workspace/child.jinja",
        {
            "title": child.full_name,
            "child": child,
            "summary": ChildSummary(child, today=today),
            "who_decides": WhoDecides(child, today),
            "family": [(member, family_rows(member)) for member in child.family.all()],
            "consents": child.consents.all(),
            "about": child.all_about_me_or_none(),
            "involvements": child.involvements.select_related("team", "professional"),
            "timeline": timeline[:100],
            "can_edit": request.user.has_perm("people.change_child", child),
            "can_edit_about": request.user.has_perm("people.change_allaboutme", child),
            "can_view_log": request.user.has_perm("audit.view_access_log", child),
            "can_export": allows(request.user, Capability.EXPORT_RECORD),
            "can_hold": allows(request.user, Capability.MANAGE_RETENTION),
            "can_see_appeals": allows(request.user, Capability.SEE_APPEALS),
            "can_see_delivery": allows(
                request.user,
                Capability.FOLLOW_UP_DELIVERY,
                Capability.REPORT_MISSED_PROVISION,
                Capability.RECORD_DELIVERY,
            ),
            "can_export_log": request.user.has_perm("audit.export_access_log", child),
            "is_family": is_family,
            "advice": AdviceRequest.objects.visible_to(request.user)
            .filter(child=child)
            .order_by("-requested_on"),
            "referrals": Referral.objects.visible_to(request.user)
            .filter(child=child)
            .select_related("service"),
            "assessments": assessment_summaries(child, today=today, for_family=is_family),
            "plans": plans_of(request.user, child),
        },
    )


SHOWN_IN_A_GROUP = 50


@requires(Capability.WORK_CASELOAD)
def my_work(request):
    """Everything waiting for the user on the children they coordinate, soonest first: new requests,
    the family's comments, advice received or overdue, review steps, and every deadline in the
    next 2 weeks."""
    today = uk_today()
    work = first_for(request.user, today=today, shown=SHOWN_IN_A_GROUP)
    groups: dict[str, list] = {}
    for item in work.items:
        groups.setdefault(item.kind, []).append(item)
    named = [item.child_id for item in work.items if item.child_id] + [
        c for item in work.items for c in item.mentions
    ]
    listed(request, named, what="Listed on My work")
    return render(
        request,
        "workspace/my_work.jinja",
        {
            "title": "My work",
            "today": today,
            "shown_in_a_group": SHOWN_IN_A_GROUP,
            "total": work.total,
            "overdue": work.overdue,
            "groups": [(kind, rows, work.tallies[kind]) for kind, rows in groups.items()],
            "unallocated": unallocated(request.user).count()
            if allows(request.user, Capability.ALLOCATE_CASES)
            else None,
        },
    )


ALLOCATION_PAGE = 50


@requires(Capability.ALLOCATE_CASES)
def allocation(request):
    """The manager's queue: no child with open work is left without a coordinator."""
    today = uk_today()
    waiting = unallocated(request.user).select_related("setting", "locality").order_by("created_at", "pk")
    total = waiting.count()
    children = list(waiting[:ALLOCATION_PAGE])
    coordinators = (
        User.coordinators_in(request.user.local_authority_id)
        .filter(is_active=True)
        .annotate(children=caseload_size())
        .order_by("last_name", "first_name")
    )
    form = AllocationForm(request.POST or None, children=children, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        chosen = [child for child in children if str(child.pk) in form.cleaned_data["children"]]
        to = form.cleaned_data["to"]
        try:
            moved = services.allocate(chosen, to=to, by=Actor.of(request), today=today)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(
                request,
                f"{moved} {'child' if moved == 1 else 'children'} given to {to}. Their families have been told.",
            )
            return redirect("workspace:allocation")
    listed(request, children, what="Listed to allocate a coordinator")
    return render(
        request,
        "workspace/allocation.jinja",
        {"title": "Children without a coordinator", "form": form, "children": children, "total": total},
    )
