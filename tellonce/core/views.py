"""The home page sends each role to its starting page; the partnership board sees aggregates only."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render

from tellonce.accounts.roles import CASEWORKERS, COUNCIL_READERS, FAMILY, Role
from tellonce.people.models import Child
from tellonce.people.presenters import need_label, sen_status_label


@login_required
def home(request):
    role = request.user.role
    if role in CASEWORKERS:
        return redirect("assessments:caseload")
    if role in COUNCIL_READERS:
        return redirect("people:find")
    if role in FAMILY:
        return redirect("people:my-children")
    if role == Role.BOARD_MEMBER:
        return partnership_overview(request)
    if role == Role.LOCAL_OFFER_MANAGER:
        return redirect("local_offer:manage")
    if role == Role.PROVIDER:
        return redirect("local_offer:my-listings")
    return redirect("people:list")


def partnership_overview(request):
    """Counts only: a board member sees no child."""
    children = Child.objects.filter(local_authority_id=request.user.local_authority_id)
    by_status = children.values("sen_status").annotate(n=Count("id")).order_by("-n")
    by_need = children.exclude(primary_need="").values("primary_need").annotate(n=Count("id")).order_by("-n")
    return render(
        request,
        "core/overview.jinja",
        {
            "title": "Partnership overview",
            "total": children.count(),
            "by_status": [_row(sen_status_label(row["sen_status"]), row["n"]) for row in by_status],
            "by_need": [_row(need_label(row["primary_need"]), row["n"]) for row in by_need],
        },
    )


def _row(label: str, count: int) -> list[dict]:
    return [{"text": label}, {"text": f"{count:,}", "format": "numeric"}]


def accessibility(request):
    return render(request, "core/accessibility.jinja", {"title": "Accessibility statement"})


def privacy(request):
    return render(request, "core/privacy.jinja", {"title": "Privacy"})


def not_found(request, exception=None):
    return render(request, "core/404.jinja", {"title": "Page not found"}, status=404)


def server_error(request):
    return render(
        request, "core/500.jinja", {"title": "Sorry, there is a problem with the service"}, status=500
    )


def edit_conflict(request, child):
    """The page for a refused save: someone else changed the record first (409, nothing saved)."""
    return render(
        request,
        "people/edit_conflict.jinja",
        {"title": "Someone else changed this record", "child": child},
        status=409,
    )
