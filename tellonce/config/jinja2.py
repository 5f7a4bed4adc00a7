"""The Jinja2 environment: GOV.UK Frontend macros, url(), static() and date filters."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from tellonce.core import formatting
from tellonce.core.forms import error_summary, govuk_field


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def multiline(text: str) -> Markup:
    """Text as typed, escaped, with its line breaks kept."""
    return Markup("<br>").join(escape(line) for line in str(text).replace("\r\n", "\n").split("\n"))


def environment(**options) -> Environment:
    options["autoescape"] = True
    env = Environment(**options)
    env.loader = ChoiceLoader(
        [env.loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    env.globals.update(
        static=staticfiles_storage.url,
        url=url,
        asset_path=settings.STATIC_URL + "assets",
        govuk_field=govuk_field,
        error_summary=error_summary,
        zip=zip,
    )
    env.filters.update(
        govuk_date=formatting.govuk_date,
        govuk_datetime=formatting.govuk_datetime,
        days_phrase=formatting.days_phrase,
        multiline=multiline,
    )
    return env
