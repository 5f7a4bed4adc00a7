"""The Local Offer (Children and Families Act 2014 s30; SEND Regulations 2014 Part 4 and Schedule 2;
SEND Code of Practice ch. 4): providers and their services with who each is for, how to get it and
when it was last checked; taxonomies (content areas, needs); every proposed and approved version of
a listing; the thesaurus behind search; online referrals and reports of problems with a listing.

Field names follow Open Referral UK 3.0 / HSDS 3.0 where one exists, so the ORUK API is a mapping
rather than a translation. Comments on the Local Offer as a whole are `feedback.FeedbackItem`s with
route "local_offer", published through `feedback.Publication` (topic "local_offer")."""

import uuid

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.organisations.councils import CouncilQuerySet, council_id


class Taxonomy(models.Model):
    """A vocabulary of terms (ORUK taxonomy): this Local Offer's categories, SEND needs, or imported."""

    CATEGORIES = "categories"
    NEEDS = "needs"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name_plural = "taxonomies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.SlugField(max_length=80, blank=True)
    name = models.CharField(max_length=200)
    description = models.TextField()
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    term_uri = models.URLField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Provider(BaseModel):
    """An organisation that provides services (ORUK organization) in one council's Local Offer.
    Provider accounts act for it."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    email = models.EmailField(blank=True, help_text="Where reminders and reports about listings go")
    website = models.URLField(blank=True)
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="provider_organisations"
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    """ORUK service.status."""

    ACTIVE = "active", "Open"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
    INACTIVE = "inactive", "Not running"
    DEFUNCT = "defunct", "Closed for good"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    SOME = "some", "Free, with some costs"
    CHARGE = "charge", "There is a charge"


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True, status__in=[Status.ACTIVE, Status.TEMPORARILY_CLOSED])

    def of_council(self, local_authority_id: int | None):
        """The services of one council's Local Offer."""
        return (
            self.filter(provider__local_authority_id=local_authority_id)
            if local_authority_id
            else self.none()
        )

    def managed_by(self, user):
        """The services of the council whose Local Offer this user manages."""
        if scope(user, Capability.MANAGE_LOCAL_OFFER) is None:
            return self.none()
        return self.of_council(council_id(user))

    def kept_by(self, user):
        """Listings this user may propose changes to: the manager, every one of their council's; a
        provider, its own."""
        match scope(user, Capability.KEEP_LISTINGS):
            case Scope.DIRECTORY:
                return self.of_council(council_id(user))
            case Scope.PROVIDER:
                return self.filter(provider__accounts=user)
        return self.none()


class Service(CouncilOwned, BaseModel):
    """A service in the Local Offer, as published. Proposed changes wait in `ServiceVersion`."""

    council_from = "provider"

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    alternate_name = models.CharField("other name", max_length=200, blank=True)
    description = models.TextField("what it offers")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    is_public = models.BooleanField(default=False, help_text="Approved at least once")
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    eligibility_description = models.TextField("who it is for", blank=True)
    categories = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services_in_category")
    needs = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services_for_need")
    localities = models.ManyToManyField("organisations.Locality", blank=True, related_name="+")
    cost = models.CharField(max_length=10, choices=Cost.choices, default=Cost.FREE)
    fees_description = models.CharField("cost details", max_length=300, blank=True)
    self_referral = models.BooleanField("families can refer themselves", default=True)
    who_can_refer = models.CharField(max_length=300, blank=True)
    application_process = models.TextField("how to get it", blank=True)
    online_referral = models.BooleanField("accepts online referrals", default=False)
    referral_email = models.EmailField("inbox for online referrals", blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    url = models.URLField("website", blank=True)
    schedule_description = models.CharField("when", max_length=300, blank=True)
    days = models.CharField(max_length=20, blank=True, help_text="iCal days, e.g. MO,TU,WE")
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    languages = models.CharField(max_length=200, blank=True, help_text="Comma-separated")
    film_url = models.URLField("film about the service", blank=True)
    accessible_formats = models.CharField(max_length=300, blank=True)
    last_checked = models.DateField(null=True, blank=True)
    checked_by = models.EmailField(blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def language_list(self) -> list[str]:
        return [name.strip() for name in self.languages.split(",") if name.strip()]


class Location(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", "A place to visit"
        VIRTUAL = "virtual", "Online"
        POSTAL = "postal", "Postal address only"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GB")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.TextField("accessibility of the venue", blank=True)
    external_identifier = models.CharField(max_length=60, blank=True)
    external_identifier_type = models.CharField(max_length=30, blank=True)

    def __str__(self) -> str:
        return self.name or self.address_1 or str(self.id)


class ServiceAtLocation(CouncilOwned, models.Model):
    council_from = "service"
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class ServiceVersion(CouncilOwned, models.Model):
    """Every version of a listing, proposed or approved, as the editing form's content."""

    council_from = "service"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"
        SUPERSEDED = "superseded", "Replaced by a later change"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    based_on_version = models.PositiveIntegerField(help_text="The service's version when the change was made")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["service", "number"], name="unique_service_version")]

    def __str__(self) -> str:
        return f"{self.service} version {self.number}"


class ThesaurusEntry(BaseModel):
    """A synonym ring: a preferred label and the other words families, schools and the NHS use."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    preferred = models.CharField("preferred words", max_length=120)
    other_words = models.TextField(help_text="One a line: acronyms, other names, everyday words")
    note = models.CharField(max_length=300, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["preferred"]
        verbose_name_plural = "thesaurus entries"
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "preferred"], name="one_thesaurus_entry_a_council"
            )
        ]

    def __str__(self) -> str:
        return self.preferred

    def words_list(self) -> list[str]:
        return [w.strip() for w in self.other_words.replace(",", "\n").splitlines() if w.strip()]

    def labels(self) -> tuple[str, ...]:
        return (self.preferred, *self.words_list())


class UnmatchedSearch(models.Model):
    """A search that found nothing, kept for the Local Offer manager (no one who searched is kept)."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    query = models.CharField(max_length=200)
    times = models.PositiveIntegerField(default=1)
    first_seen = models.DateField()
    last_seen = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen", "-times"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "query"], name="one_unmatched_search_a_council"
            )
        ]

    def __str__(self) -> str:
        return self.query


class IndexState(models.Model):
    """A row for each council: a random token replaced whenever its listings or thesaurus change,
    so every process rebuilds that council's in-memory search index on its next search. A token
    rather than a counter, so a rolled-back change can never be mistaken for a later one."""

    local_authority = models.OneToOneField(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+"
    )
    generation = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"Search index {self.generation}"

    @classmethod
    def current(cls, local_authority_id: int) -> str:
        return (
            cls.objects.filter(local_authority_id=local_authority_id)
            .values_list("generation", flat=True)
            .first()
            or ""
        )

    @classmethod
    def bump(cls, local_authority_id: int) -> None:
        token = uuid.uuid4().hex
        if not cls.objects.filter(local_authority_id=local_authority_id).update(generation=token):
            cls.objects.update_or_create(
                local_authority_id=local_authority_id, defaults={"generation": token}
            )

    @classmethod
    def bump_all(cls) -> None:
        """After a change every council's index reads (the postcode districts)."""
        cls.objects.update(generation=uuid.uuid4().hex)


class PostcodeDistrict(models.Model):
    """A postcode district's centre, for "within N miles" with no network call. Load the real ones
    with `tellonce load-postcode-districts FILE.csv` (docs/local-offer.md)."""

    district = models.CharField(max_length=4, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.district


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The manager sees every referral; a provider account, its own services' referrals."""
        match scope(user, Capability.READ_ONLINE_REFERRALS):
            case Scope.DIRECTORY:
                return self.filter(service__provider__local_authority_id=council_id(user))
            case Scope.PROVIDER:
                return self.filter(service__provider__accounts=user)
        return self.none()


class OnlineReferral(CouncilOwned, models.Model):
    """A family's referral to a service through the Local Offer. It holds a child's details, so only
    the service's provider and the Local Offer manager see it, and every reading is logged."""

    council_from = "service"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=12, unique=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    child_name = models.CharField(max_length=120)
    child_date_of_birth = models.DateField()
    referrer_name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=60)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    postcode = models.CharField(max_length=10)
    reason = models.TextField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    sent_to = models.EmailField()
    acknowledged_to = models.EmailField()

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference


class ReferralRead(CouncilOwned, models.Model):
    council_from = "referral"
    referral = models.ForeignKey(OnlineReferral, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.user_id} read {self.referral_id}"


class ListingReport(CouncilOwned, models.Model):
    """ "Report a problem with this listing" (the Outpost pattern): goes to the provider and the manager."""

    council_from = "service"

    class Topic(models.TextChoices):
        OUT_OF_DATE = "out_of_date", "Something is out of date"
        EXTRA = "extra", "I have extra information to add"
        CLOSED = "closed", "The service has closed"
        ACCESS = "access", "The information is hard to read or use"
        OTHER = "other", "Something else"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reports")
    topic = models.CharField(max_length=12, choices=Topic.choices)
    details = models.TextField()
    email = models.EmailField(blank=True)
    raised_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_on"]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_topic_display()}"


class ListingReminder(CouncilOwned, models.Model):
    """One reminder per listing per "last checked" date, so the command never sends it twice."""

    council_from = "service"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reminders")
    for_last_checked = models.DateField(help_text="Or the day the listing was added, if never checked")
    sent_on = models.DateField()
    sent_to = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "for_last_checked"], name="one_reminder_per_check")
        ]

    def __str__(self) -> str:
        return f"Reminder for {self.service_id} sent {govuk_date(self.sent_on)}"
