"""The pages every app shares: accessibility, privacy, not found, server error and the refused save."""

from django.shortcuts import render
from django.urls import reverse

from tellonce.core.access import public


@public
def accessibility(request):
    return render(request, "core/accessibility.jinja", {"title": "Accessibility statement"})


@public
def privacy(request):
    return render(request, "core/privacy.jinja", {"title": "Privacy"})


def not_found(request, exception=None):
    return render(request, "core/404.jinja", {"title": "Page not found"}, status=404)


def forbidden(request, exception=None):
    """Signed in, but the role may not open this page (the permission policy said no)."""
    return render(request, "core/403.jinja", {"title": "You cannot open this page"}, status=403)


def server_error(request):
    return render(
        request, "core/500.jinja", {"title": "Sorry, there is a problem with the service"}, status=500
    )


def edit_conflict(request, child=None, *, back: str = ""):
    """The page for a refused save: someone else changed the record first (409, nothing saved).
    With a child, it leads back to the child's page; otherwise to `back`."""
    if child is not None:
        back = reverse("workspace:child", kwargs={"pk": child.pk})
    return render(
        request,
        "core/edit_conflict.jinja",
        {
            "title": "Someone else changed this record" if child is not None else "Someone else changed this",
            "child": child,
            "back_link": back,
        },
        status=409,
    )
