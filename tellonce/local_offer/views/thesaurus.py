"""The search's thesaurus: the manager's synonyms, and the searches that found nothing, from which a
synonym is added."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.local_offer import forms, services
from tellonce.local_offer.models import (
    ThesaurusEntry,
    UnmatchedSearch,
)


def _entries(request):
    return ThesaurusEntry.objects.within_scope(request.user, Capability.MANAGE_LOCAL_OFFER)


def _searches(request):
    return UnmatchedSearch.objects.within_scope(request.user, Capability.MANAGE_LOCAL_OFFER)


@requires(Capability.MANAGE_LOCAL_OFFER)
def thesaurus(request):
    return render(
        request,
        "local_offer/manage/thesaurus.jinja",
        {"title": "Search thesaurus", "entries": _entries(request)},
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def thesaurus_entry(request, pk=None):
    entry = get_object_or_404(_entries(request), pk=pk) if pk else None
    initial = (
        {
            "version": entry.version,
            "preferred": entry.preferred,
            "other_words": entry.other_words,
            "note": entry.note,
        }
        if entry
        else {}
    )
    form = forms.ThesaurusForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        entry=entry,
        entries=_entries(request),
    )
    if request.method == "POST" and "delete" in request.POST and entry is not None:
        services.delete_thesaurus_entry(entry, by=Actor.of(request))
        messages.success(request, f"Deleted {entry.preferred}")
        return redirect("local_offer:thesaurus")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_thesaurus_entry(
                entry,
                by=Actor.of(request),
                preferred=data["preferred"],
                other_words=data["other_words"],
                note=data["note"],
                expected_version=data.get("version"),
            )
        except EditConflict:
            form.add_error(None, "Someone else changed this entry after you opened it. Nothing was saved.")
        else:
            messages.success(request, f"Saved {data['preferred']}. Search uses it now")
            return redirect("local_offer:thesaurus")
    return render(
        request,
        "local_offer/manage/thesaurus_entry.jinja",
        {
            "title": f"Change {entry.preferred}" if entry else "Add to the thesaurus",
            "form": form,
            "entry": entry,
            "back_link": reverse("local_offer:thesaurus"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def unmatched(request):
    return render(
        request,
        "local_offer/manage/unmatched.jinja",
        {
            "title": "Searches that found nothing",
            "searches": _searches(request).filter(resolved_on=None)[:200],
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def add_synonym(request, pk):
    search = get_object_or_404(_searches(request), pk=pk, resolved_on=None)
    form = forms.SynonymForm(request.POST if request.method == "POST" else None, entries=_entries(request))
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["entry"]
        entry = None if choice == "new" else get_object_or_404(_entries(request), pk=choice)
        entry = services.add_synonym_from(
            search,
            by=Actor.of(request),
            entry=entry,
            preferred=form.cleaned_data["preferred"],
            today=uk_today(),
        )
        messages.success(request, f"“{search.query}” now finds what “{entry.preferred}” finds")
        return redirect("local_offer:unmatched")
    return form_page(
        request,
        form,
        title=f"Add “{search.query}” to the thesaurus",
        button="Add it",
        intro=f"Searched {search.times} time{'s' if search.times != 1 else ''}, last on "
        f"{search.last_seen:%d %B %Y}. Add it as another word for an entry, so it finds the same "
        "services.",
        back=reverse("local_offer:unmatched"),
    )
