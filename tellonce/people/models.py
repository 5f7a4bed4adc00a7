"""The one shared record of each child or young person ("tell it once"), their family,
consent to share information, "All about me", and the timeline later modules write to."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce, Concat, NullIf

from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.domain import decisions, school_years
from tellonce.domain.phase_transfer import Transfer, transfer_after
from tellonce.people import choices
from tellonce.people.querysets import ChildQuerySet

YOUNG_PERSON_ACCOUNT_AGE = 16


class Child(BaseModel):
    external_ref = models.CharField(
        "reference in another system",
        max_length=60,
        blank=True,
        help_text="The child's reference in the system their history was imported from",
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("UPN", max_length=13, blank=True, db_index=True)
    uln = models.CharField("ULN", max_length=10, blank=True, help_text="Unique learner number, 10 digits")
    upn_unknown = models.CharField(
        "why there is no UPN or ULN",
        max_length=4,
        choices=choices.UPN_UNKNOWN,
        blank=True,
        help_text="SEN2 item 1.7c: needed when neither a UPN nor a ULN is known",
    )
    sex = models.CharField(max_length=1, choices=choices.SEX, blank=True)
    gender = models.CharField(max_length=60, blank=True, help_text="In the child's or family's words")
    ethnicity = models.CharField(max_length=4, choices=choices.ETHNICITY, default="NOBT")
    first_language = models.CharField(max_length=60, default="English")
    postcode = models.CharField(max_length=8, blank=True)
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    locality = models.ForeignKey("organisations.Locality", on_delete=models.SET_NULL, null=True, blank=True)
    setting = models.ForeignKey(
        "organisations.Setting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pupils",
        verbose_name="current setting",
    )
    next_setting = models.ForeignKey(
        "organisations.Setting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incoming_pupils",
        verbose_name="setting moving to",
        help_text="The school or college the child is due to move to, once known. A Year 11 pupil of a "
        "school with a sixth form makes a phase transfer only to a college or other post-16 institution",
    )
    nc_year_override = models.SmallIntegerField(
        "national curriculum year (override)",
        null=True,
        blank=True,
        help_text="Only when the child is taught out of their year group; 0 is Reception",
    )
    primary_need = models.CharField(max_length=4, choices=choices.SEN_TYPE, blank=True)
    secondary_need = models.CharField(max_length=4, choices=choices.SEN_TYPE, blank=True)
    sen_status = models.CharField("SEN status", max_length=12, choices=choices.SEN_STATUS, default="NONE")
    looked_after = models.BooleanField(default=False)
    child_in_need = models.BooleanField(default=False)
    child_protection = models.BooleanField("child protection plan", default=False)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name="EHC coordinator",
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="own_record",
        help_text="The young person's own sign-in, from 16",
    )
    email = models.EmailField(
        "email address", blank=True, help_text="The young person's own address, to invite them from 16"
    )
    # Who decides, and so whose consent governs what a parent sees (domain.decisions; ADR 54).
    lacks_capacity = models.BooleanField(
        "lacks capacity to make decisions",
        default=False,
        help_text="Under the Mental Capacity Act 2005: their parent then decides as their representative",
    )
    capacity_assessed_on = models.DateField("capacity assessed on", null=True, blank=True)
    capacity_assessed_by = models.CharField("capacity assessed by", max_length=120, blank=True)
    agrees_parent_sees = models.BooleanField(
        "agrees that their parent sees their record",
        default=False,
        help_text="Asked once the young person is over compulsory school age and decides for themselves",
    )
    agreement_recorded_on = models.DateField("date of their answer", null=True, blank=True)
    anonymised_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Anonymised under the retention schedule: kept for statistics, listed on no page",
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "children"
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["coordinator", "family_name"]),
            # A council's children by age (the adulthood lists), not every council's (ADR 88)
            models.Index(fields=["local_authority", "date_of_birth"], name="child_council_born"),
            # A council's children in id order, a thousand at a time (the SEN2 return, ADR 101)
            models.Index(fields=["local_authority", "id"], name="child_council_id"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~models.Q(external_ref=""),
                name="unique_child_external_ref",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    @staticmethod
    def full_name_of(child: str) -> Concat:
        """`full_name` in SQL, for the child at the relation path `child` (to sort by it)."""
        return Concat(
            Coalesce(NullIf(f"{child}__preferred_name", Value("")), f"{child}__given_name"),
            Value(" "),
            f"{child}__family_name",
            output_field=models.CharField(),
        )

    def nc_year_on(self, today: date) -> school_years.NCYear:
        if self.nc_year_override is not None:
            return school_years.NCYear(self.nc_year_override)
        return school_years.national_curriculum_year(self.date_of_birth, today)

    def transfer_after(self, nc_year: int) -> Transfer | None:
        """The transfer between phases the child makes next September from `nc_year`, from what
        their setting teaches and where they are going (domain.phase_transfer)."""
        return transfer_after(
            nc_year,
            self.setting.years if self.setting_id else None,
            self.next_setting.years if self.next_setting_id else None,
        )

    def age_on(self, today: date) -> int:
        return school_years.age_on(self.date_of_birth, today)

    def decisions_by(self, today: date) -> decisions.DecisionMaker:
        return decisions.decisions_by(self.date_of_birth, today, lacks_capacity=self.lacks_capacity)

    def parent_sees_record(self, today: date) -> bool:
        """What the FAMILY scope (querysets.py) asks of every child in SQL, for this one."""
        return decisions.parent_sees_record(
            self.decisions_by(today), young_person_agrees=self.agrees_parent_sees
        )

    def parents_who_see_record(self, today: date):
        """The family members with parental responsibility who see the record, and so are told of
        its plans and asked for their views: none once the young person decides and has not agreed."""
        family = self.family.filter(parental_responsibility=True)
        return family if self.parent_sees_record(today) else family.none()

    def may_invite_young_person(self, today: date) -> bool:
        """A young person may have their own account from their 16th birthday."""
        return self.age_on(today) >= YOUNG_PERSON_ACCOUNT_AGE

    def all_about_me_or_none(self) -> "AllAboutMe | None":
        try:
            return self.all_about_me
        except AllAboutMe.DoesNotExist:
            return None


class FamilyMember(CouncilOwned, models.Model):
    """Someone in the child's family, how they want to be contacted, and whether they hold
    parental responsibility (which is what lets a parent or carer see the record)."""

    council_from = "child"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    relationship = models.CharField(max_length=20, choices=choices.RELATIONSHIP)
    parental_responsibility = models.BooleanField(default=True)
    main_contact = models.BooleanField(default=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_links",
        help_text="Their Tellonce sign-in, if they have one",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    contact_by = models.CharField(
        "preferred contact", max_length=10, choices=choices.CONTACT_METHOD, default="email"
    )
    interpreter_language = models.CharField(
        max_length=60, blank=True, help_text="Leave blank if no interpreter is needed"
    )
    accessible_format = models.CharField(max_length=20, choices=choices.ACCESSIBLE_FORMAT, blank=True)

    class Meta:
        ordering = ["-main_contact", "family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class ConsentRecord(CouncilOwned, models.Model):
    """What the family (or the young person, from 16) agreed to share, with whom, and when."""

    council_from = "child"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="consents")
    share_with = models.CharField(max_length=20, choices=choices.SHARE_WITH)
    decision = models.CharField(max_length=10, choices=choices.CONSENT_DECISION)
    given_by = models.CharField(max_length=120, help_text="Who gave or refused consent")
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded_on"]

    def __str__(self) -> str:
        return (
            f"{self.get_share_with_display()}: {self.get_decision_display()} ({govuk_date(self.recorded_on)})"
        )


class AllAboutMe(CouncilOwned, BaseModel):
    """The child's own words and the family's views, held once and reused in every plan and review."""

    council_from = "child"

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="all_about_me")
    in_my_words = models.TextField("About me, in my words", blank=True)
    what_people_like_about_me = models.TextField(blank=True)
    what_is_important_to_me = models.TextField(blank=True)
    how_best_to_support_me = models.TextField(blank=True)
    my_hopes_for_the_future = models.TextField(blank=True)
    family_views = models.TextField("my family's views", blank=True)
    completed_with = models.CharField(
        max_length=200, blank=True, help_text="Who helped complete this, and how (for example, with pictures)"
    )


class ProfessionalInvolvement(CouncilOwned, models.Model):
    """A health or care professional, or their team, asked to work with a child. This is what
    lets a professional see the record; advice requests add rows here."""

    council_from = "child"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="involvements")
    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, null=True, blank=True)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="involvements"
    )
    reason = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | models.Q(professional__isnull=False),
                name="involvement_names_a_team_or_professional",
            )
        ]

    def __str__(self) -> str:
        return f"{self.professional or self.team}: {self.reason}"


class TimelineEvent(CouncilOwned, models.Model):
    """One event in a child's story. Every module adds its events here, so the record shows
    one timeline: requests, advice, plans, reviews, changes to the record."""

    council_from = "child"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="timeline")
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    visible_to_family = models.BooleanField(default=True)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        indexes = [
            models.Index(fields=["child", "-occurred_on"]),
            models.Index(fields=["local_authority", "-occurred_on"]),
        ]

    def __str__(self) -> str:
        return f"{govuk_date(self.occurred_on)}: {self.title}"


class InvitationStatus(models.TextChoices):
    OPEN = "open", "Sent"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"
    REPLACED = "replaced", "Sent again"
    ENDED = "ended", "Ended after too many wrong codes"


class AccountInvitation(CouncilOwned, models.Model):
    """An invitation to a parent or carer, or the young person, to see the child's record with their
    own account. The link's token and the code are kept only as hashes, and the account is linked
    only when the code sent to the address on the record comes back (people/invitations.py, ADR 54)."""

    council_from = "child"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="invitations")
    family_member = models.ForeignKey(
        FamilyMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        help_text="Empty when the young person is invited",
    )
    email = models.EmailField(help_text="The address on the record it was sent to")
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.OPEN)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The account that asked for the code, and is linked once it is entered",
    )
    code_hash = models.CharField(max_length=64, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    wrong_codes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["family_member"],
                condition=models.Q(status="open", family_member__isnull=False),
                name="one_open_invitation_a_family_member",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(status="open", family_member__isnull=True),
                name="one_open_invitation_a_young_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.invitee} ({self.get_status_display()})"

    @property
    def for_young_person(self) -> bool:
        return self.family_member_id is None

    @property
    def invitee(self) -> str:
        return str(self.family_member) if self.family_member_id else self.child.full_name
