from datetime import date

import pytest
from django import forms

from tellonce.core.forms import DateField, error_summary, govuk_field


class _Form(forms.Form):
    born = DateField(label="Date of birth", not_in_future=True)
    name = forms.CharField(label="Name", help_text="As on their birth certificate")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["born"].today = date(2026, 11, 22)


def _data(day, month, year, name="Ada"):
    return {"born-day": day, "born-month": month, "born-year": year, "name": name}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter date of birth"),
        (("1", "", "2020"), "Date of birth must include a month"),
        (("", "", "2020"), "Date of birth must include a day and month"),
        (("31", "2", "2020"), "Date of birth must be a real date"),
        (("1", "1", "20"), "Date of birth must be a real date"),
        (("a", "1", "2020"), "Date of birth must be a real date"),
        (("23", "11", "2026"), "Date of birth must be today or in the past"),
    ],
)
def test_a_date_is_refused_with_the_design_systems_message(parts, message):
    form = _Form(_data(*parts))
    assert not form.is_valid()
    assert form.errors["born"] == [message]


def test_a_real_date_is_accepted_including_a_leap_day_and_today():
    assert _Form(_data("29", "2", "2024")).is_valid()
    form = _Form(_data("22", "11", "2026"))
    assert form.is_valid() and form.cleaned_data["born"] == date(2026, 11, 22)


def test_the_error_summary_links_each_message_to_its_field():
    form = _Form(_data("", "", "", name=""))
    form.is_valid()
    assert error_summary(form) == [
        {"text": "Enter date of birth", "href": "#id_born-day"},
        {"text": "This field is required.", "href": "#id_name"},
    ]


def test_a_date_field_renders_as_a_govuk_date_input_keeping_what_was_typed():
    form = _Form(_data("31", "2", "2020"))
    form.is_valid()
    kind, params = govuk_field(form["born"])
    assert kind == "date"
    assert [item["value"] for item in params["items"]] == ["31", "2", "2020"]
    assert params["errorMessage"] == {"text": "Date of birth must be a real date"}
    kind, params = govuk_field(form["name"])
    assert kind == "input" and params["hint"] == {"text": "As on their birth certificate"}
