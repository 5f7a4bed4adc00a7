"""What the family-voice pages share: a change's form only for those who may make it, and a
family deleting something of theirs."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, require_capability


def managing(request):
    """The data for a change's form, for those who may make it (False: they see no form); a change
    posted by anyone else is refused."""
    if request.method == "POST":
        require_capability(request.user, Capability.MANAGE_FEEDBACK)
    return (request.POST or None) if allows(request.user, Capability.MANAGE_FEEDBACK) else False


def forget_page(request, thing, forget, *, title: str, what: str, button: str, done: str):
    """A family's request to delete something of theirs: a page that says what will go, then the
    deletion (`forget(thing, by=...)`), and back to their surveys."""
    if request.method == "POST":
        forget(thing, by=Actor.of(request))
        messages.success(request, done)
        return redirect("feedback:surveys")
    context = {"title": title, "what": what, "button": button, "back_link": reverse("feedback:surveys")}
    return render(request, "feedback/forget.jinja", context)
