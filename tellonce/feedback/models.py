"""Family voice: surveys and their answers, the feedback log, published "You said, we did"
entries, co-production and the parent carer forum. Each answer and piece of feedback keeps a
snapshot of the family's characteristics (not who they are), so whose voice is missing can be
measured even when the answer is anonymous."""

from django.conf import settings
from django.db import models

from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.organisations.councils import CouncilQuerySet
from tellonce.people import choices


class Profile(models.Model):
    """Characteristics used to see whose voice is heard; never enough to identify a child."""

    ethnicity = models.CharField(max_length=4, choices=choices.ETHNICITY, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    locality = models.CharField(max_length=120, blank=True)
    primary_need = models.CharField(max_length=4, choices=choices.SEN_TYPE, blank=True)
    sen_status = models.CharField("SEN status", max_length=12, choices=choices.SEN_STATUS, blank=True)

    class Meta:
        abstract = True

    def copy_profile(self, child) -> None:
        if child is None:
            return
        self.ethnicity, self.first_language = child.ethnicity, child.first_language
        self.locality = child.locality.name if child.locality_id else ""
        self.primary_need, self.sen_status = child.primary_need, child.sen_status


class Trigger(models.TextChoices):
    AFTER_FINAL_PLAN = "after_final_plan", "After a final EHC plan is issued"
    AFTER_REVIEW = "after_review", "After each annual review"
    OPEN = "open", "Open to any family"


class Survey(models.Model):
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    is_active = models.BooleanField(default=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Question(CouncilOwned, models.Model):
    council_from = "survey"

    class Kind(models.TextChoices):
        AGREE = "agree", "Strongly disagree to strongly agree"
        TEXT = "text", "Free text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AGREE)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text


class Route(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "Paper form"
    PHONE = "phone", "Phone call"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "Email"
    SURVEY = "survey", "Survey comment"
    LOCAL_OFFER = "local_offer", "Local Offer comment"


class Response(CouncilOwned, Profile):
    council_from = "survey"
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    child = models.ForeignKey(
        "people.Child",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the family answered anonymously",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    route = models.CharField(max_length=12, choices=Route.choices, default=Route.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField()

    class Meta:
        ordering = ["-submitted_on"]

    def __str__(self) -> str:
        return f"{self.survey} answered {govuk_date(self.submitted_on)}"


class Invitation(CouncilOwned, models.Model):
    council_from = "survey"
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    invited = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    sent_on = models.DateField()
    reason = models.CharField(max_length=200)
    response = models.OneToOneField(
        Response, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    class Meta:
        ordering = ["-sent_on"]

    def __str__(self) -> str:
        return f"{self.survey} sent {govuk_date(self.sent_on)}"


class Answer(CouncilOwned, models.Model):
    council_from = "response"
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1-5; 0 is don't know")
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.question}: {self.score or self.text[:40]}"


class FeedbackItem(BaseModel, Profile):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "Action under way"
        CLOSED = "closed", "Closed"

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    raised_on = models.DateField()
    route = models.CharField(max_length=12, choices=Route.choices)
    child = models.ForeignKey(
        "people.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_raised",
    )
    service = models.CharField("service it concerns", max_length=160)
    summary = models.TextField("what the family said")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_owned",
    )
    actions = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on"]

    def __str__(self) -> str:
        return f"{self.service}: {self.summary[:60]}"


class Publication(models.Model):
    """A published "You said, we did" entry. Topic "local_offer" is kept for the Local Offer's
    published comments, so both use this one mechanism."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(max_length=20, default="feedback")
    feedback = models.ForeignKey(
        FeedbackItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="publications"
    )
    you_said = models.TextField()
    we_did = models.TextField()
    published_on = models.DateField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.you_said[:60]


class CoProduction(models.Model):
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("service development", max_length=200)
    held_on = models.DateField()
    who = models.CharField("who took part", max_length=300)
    what_changed = models.TextField()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class ForumMember(Profile):
    """A member of the parent carer forum, kept only with their consent."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    joined_on = models.DateField()
    consent_given_on = models.DateField()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
