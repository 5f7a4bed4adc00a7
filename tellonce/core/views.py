"""The pages every app shares: accessibility, privacy, not found, server error and the refused save."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from tellonce.core.access import public
from tellonce.core.refusals import EditConflict, InvalidStep


@public
def accessibility(request):
    return render(request, "core/accessibility.jinja", {"title": "Accessibility statement"})


@public
def privacy(request):
    """The privacy notice, in the council's name, with its contact and full notice when set."""
    return render(
        request,
        "core/privacy.jinja",
        {
            "title": "Privacy notice",
            "controller": settings.TELLONCE_AREA_NAME or "The council",
            "contact": settings.TELLONCE_PRIVACY_CONTACT or "the council's data protection officer",
            "notice_url": settings.TELLONCE_PRIVACY_NOTICE_URL,
        },
    )


def not_found(request, exception=None):
    return render(request, "core/404.jinja", {"title": "Page not found"}, status=404)


def forbidden(request, exception=None):
    """Signed in, but the role may not open this page (the permission policy said no)."""
    return render(request, "core/403.jinja", {"title": "You cannot open this page"}, status=403)


def server_error(request):
    return render(
        request, "core/500.jinja", {"title": "Sorry, there is a problem with the service"}, status=500
    )


def form_page(
    request,
    form,
    *,
    title: str,
    button: str,
    back: str = "",
    caption: str = "",
    intro: str = "",
    status: int = 200,
):
    """A page of one form: its errors, an optional caption and introduction, its fields and one
    button, with a back link (core/form_page.jinja)."""
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": title,
            "form": form,
            "button": button,
            "back_link": back,
            "caption": caption,
            "intro": intro,
        },
        status=status,
    )


def attempt(request, form, act, *, done: str, to: str, on_conflict):
    """For a valid posted form, run `act(cleaned_data)`: saved, a message and a redirect to `to`;
    refused as an invalid step, None with the problems on the form (so the form is shown again);
    someone else saved first, `on_conflict()`, the page that says so. None also when nothing was
    posted or the form has errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        act(form.cleaned_data)
    except EditConflict:
        return on_conflict()
    except InvalidStep as invalid:
        show_problems(form, invalid)
        return None
    messages.success(request, done)
    return redirect(to)


def show_problems(form, invalid: InvalidStep) -> None:
    """An invalid step's problems on the form: by field where the step says which, else at the top."""
    for problem in invalid.problems:
        field = next((name for name, said in invalid.fields.items() if said == problem), None)
        form.add_error(field if field in form.fields else None, problem[:1].upper() + problem[1:])


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
