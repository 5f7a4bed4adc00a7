"""Django's password validators, saying what to do in plain English (settings AUTH_PASSWORD_VALIDATORS),
and how passwords are stored (settings PASSWORD_HASHERS).

The rules are Django's: at least 12 characters, not one of the 20,000 most common passwords, not
like the person's name, username or email address. No rules about digits or symbols (NCSC and
NIST advise against them)."""

from typing import Any

from django.contrib.auth import password_validation as django
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ValidationError


class LongEnough(django.MinimumLengthValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                f"Password must be {self.min_length} characters or more", code="password_too_short"
            )

    def get_help_text(self) -> str:
        return f"Use {self.min_length} characters or more. Three or four random words are easy to remember."


class NotCommon(django.CommonPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if password.lower().strip() in self.passwords:
            raise ValidationError(
                "This password is too easy to guess: it is one of the most common. Choose another",
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return "Do not use a common password."


class NotLikeYourDetails(django.UserAttributeSimilarityValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Password must not be like your name, username or email address",
                code="password_too_similar",
            ) from None

    def get_help_text(self) -> str:
        return "Do not use your name, username or email address."


class Argon2id(Argon2PasswordHasher):
    """Passwords are stored with Argon2id at OWASP's recommended settings (Password Storage Cheat
    Sheet: 19 MiB of memory, 2 passes, 1 lane), ADR 0086. Each hash costs a sign-in about a
    sixteenth of the CPU of Django's PBKDF2 at 1,500,000 iterations on the same core, so a burst
    of sign-ins does not take the server's cores from the pages. A password stored another way is
    stored again this way the next time it is used to sign in (Django's `must_update`)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
