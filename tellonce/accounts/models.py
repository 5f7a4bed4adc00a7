"""People who sign in, the role each holds and the organisation they act for; invitations to
choose a password; API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from tellonce.accounts.roles import Role
from tellonce.core.models import Versioned

SYSTEM_USERNAME = "system-import"


class User(Versioned, AbstractUser):
    role = models.CharField(max_length=30, choices=Role.choices)
    job_title = models.CharField(max_length=120, blank=True)
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True
    )
    setting = models.ForeignKey(
        "organisations.Setting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="For SENCOs: the school or college they act for",
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="For health and care professionals",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="senco") | models.Q(setting__isnull=False),
                name="senco_has_a_setting",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @classmethod
    def system_account(cls) -> "User":
        """The account imports and scheduled commands act as when no person is named: it cannot
        sign in, and the audit names it."""
        user, _ = cls.objects.get_or_create(
            username=SYSTEM_USERNAME,
            defaults={
                "role": Role.ADMINISTRATOR,
                "first_name": "Tellonce",
                "last_name": "import",
                "is_active": False,
            },
        )
        return user

    @classmethod
    def manageable_by(cls, administrator):
        """The accounts an administrator may unlock or reset: the council's staff, its schools' and
        teams' staff, the families of its children and the Local Offer's providers."""
        la = administrator.local_authority_id
        if la is None:
            return cls.objects.none()
        return (
            cls.objects.filter(
                models.Q(local_authority_id=la)
                | models.Q(setting__local_authority_id=la)
                | models.Q(team__local_authority_id=la)
                | models.Q(family_links__child__local_authority_id=la)
                | models.Q(own_record__local_authority_id=la)
                | models.Q(provider_organisations__local_authority_id=la)
            )
            .exclude(username=SYSTEM_USERNAME)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )

    @classmethod
    def coordinators_in(cls, local_authority_id):
        """The council's EHC coordinators, by name (a manager's filter of the caseloads)."""
        return cls.objects.filter(role=Role.EHC_COORDINATOR, local_authority_id=local_authority_id).order_by(
            "last_name", "first_name"
        )


class Invitation(models.Model):
    """A one-time link to choose a password, emailed to a new account. Only a hash of the random
    token is kept; the link works once, until it expires or is cancelled (ADR 53)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(help_text="Where the link was sent")
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation for {self.user} sent {self.sent_at:%Y-%m-%d}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    def is_open_at(self, now) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and now < self.expires_at


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, expires_at=None) -> tuple["ApiToken", str]:
        key = "tlo_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=key[4:12], key_hash=cls.hash(key), expires_at=expires_at
        )
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        token = cls.objects.select_related("user").filter(key_hash=cls.hash(key)).first()
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.expires_at and token.expires_at <= now:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
