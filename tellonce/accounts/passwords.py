"""Django's password validators, saying what to do in plain English (settings AUTH_PASSWORD_VALIDATORS).

The rules are Django's: at least 12 characters, not one of the 20,000 most common passwords, not
like the person's name, username or email address. No rules about digits or symbols (NCSC and
NIST advise against them)."""

from typing import Any

from django.contrib.auth import password_validation as django
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
