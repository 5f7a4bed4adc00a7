"""Providers keep their own listings: add and change them (the manager approves each change),
confirm they are still right, and read the online referrals made to their services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.local_offer import forms, presenters, search, services
from tellonce.local_offer.models import OnlineReferral, Provider, Service, ServiceVersion
from tellonce.organisations.councils import council_id


def _keeps_the_directory(user) -> bool:
    return scope(user, Capability.KEEP_LISTINGS) == Scope.DIRECTORY


def _providers(user):
    if _keeps_the_directory(user):
        return Provider.objects.of_council(council_id(user))
    return user.provider_organisations.all()


@requires(Capability.KEEP_LISTINGS)
def my_listings(request):
    today = uk_today()
    listings = Service.objects.kept_by(request.user).select_related("provider")
    if _keeps_the_directory(request.user):
        listings = listings.filter(name__icontains=request.GET.get("name", "")[:100])[:100]
    pending = set(
        ServiceVersion.objects.filter(state=ServiceVersion.State.PENDING, service__in=listings).values_list(
            "service_id", flat=True
        )
    )
    rows = [(s, presenters.listing_state(s, today), s.pk in pending) for s in listings]
    return render(
        request,
        "local_offer/providers/listings.jinja",
        {
            "title": "Listings" if _keeps_the_directory(request.user) else "Your listings",
            "rows": rows,
            "providers": _providers(request.user),
            "referrals": OnlineReferral.objects.visible_to(request.user).count(),
        },
    )


def _edit_page(request, form, *, title, back, service=None):
    return render(
        request,
        "local_offer/providers/edit.jinja",
        {
            "title": title,
            "form": form,
            "service": service,
            "back_link": back,
            "manager": allows(request.user, Capability.MANAGE_LOCAL_OFFER),
        },
    )


@requires(Capability.KEEP_LISTINGS)
def add(request, provider_pk):
    provider = get_object_or_404(_providers(request.user), pk=provider_pk)
    form = forms.ServiceForm(
        request.POST if request.method == "POST" else None,
        initial={"status": "active", "cost": "free", "self_referral": True},
    )
    if request.method == "POST" and form.is_valid():
        services.add_service(
            provider, by=Actor.of(request), content=form.content(search.point_for), today=uk_today()
        )
        messages.success(request, _saved_message(request.user))
        return redirect("local_offer:my-listings")
    return _edit_page(
        request, form, title=f"Add a service for {provider.name}", back=reverse("local_offer:my-listings")
    )


def _saved_message(user) -> str:
    if allows(user, Capability.MANAGE_LOCAL_OFFER):
        return "Saved and published"
    return "Sent to the Local Offer team. Your change will be published once they approve it"


@requires(Capability.KEEP_LISTINGS)
def edit(request, pk):
    service = get_object_or_404(Service.objects.kept_by(request.user), pk=pk)
    pending = service.versions.filter(state=ServiceVersion.State.PENDING).first()
    content = (
        pending.content
        if pending and pending.submitted_by_id == request.user.pk
        else services.content_of(service)
    )
    form = forms.ServiceForm(
        request.POST if request.method == "POST" else None,
        initial=forms.ServiceForm.initial_from(content, service.version),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_change(
                service,
                by=Actor.of(request),
                content=form.content(search.point_for),
                expected_version=form.cleaned_data["version"] or 0,
                today=uk_today(),
            )
        except EditConflict:
            return render(
                request,
                "local_offer/providers/conflict.jinja",
                {"title": "Someone else changed this listing", "service": service},
                status=409,
            )
        messages.success(request, _saved_message(request.user))
        return redirect("local_offer:my-listings")
    response = _edit_page(
        request,
        form,
        title=f"Change {service.name}",
        back=reverse("local_offer:my-listings"),
        service=service,
    )
    return response


@requires(Capability.KEEP_LISTINGS)
def confirm_checked(request, pk):
    service = get_object_or_404(Service.objects.kept_by(request.user), pk=pk)
    if request.method == "POST":
        services.confirm_checked(service, by=Actor.of(request), today=uk_today())
        messages.success(request, f"Thank you. {service.name} is marked as checked today")
        return redirect("local_offer:my-listings")
    return render(
        request,
        "local_offer/providers/confirm.jinja",
        {
            "title": f"Is the listing for {service.name} still right?",
            "service": service,
            "back_link": reverse("local_offer:my-listings"),
        },
    )


@requires(Capability.READ_ONLINE_REFERRALS)
def referrals(request):
    return render(
        request,
        "local_offer/providers/referrals.jinja",
        {
            "title": "Online referrals",
            "referrals": OnlineReferral.objects.visible_to(request.user).select_related("service")[:200],
            "back_link": reverse("local_offer:my-listings"),
        },
    )


@requires(Capability.READ_ONLINE_REFERRALS)
def referral(request, pk):
    item = get_object_or_404(OnlineReferral.objects.visible_to(request.user).select_related("service"), pk=pk)
    services.record_referral_read(item, by=Actor.of(request))
    return render(
        request,
        "local_offer/providers/referral.jinja",
        {
            "title": f"Referral {item.reference}",
            "referral": item,
            "reads": item.reads.select_related("user")[:20],
            "back_link": reverse("local_offer:referrals"),
        },
    )
