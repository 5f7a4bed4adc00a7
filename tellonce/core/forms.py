"""Django form fields that render as GOV.UK Design System components (after NHS ADR-003).

`govuk_field(bound_field)` turns a bound field into the name and parameters of a GOV.UK
macro; `core/jinja2/components/form.jinja` calls the macro. Errors use the Design System's
wording and each links from the error summary to its field.
"""

from collections.abc import Mapping
from datetime import date

from django import forms

from tellonce.core import uploads


class DateInput(forms.MultiWidget):
    template_name = ""  # rendered by the govukDateInput macro, never by Django

    def __init__(self, attrs=None):
        parts = {"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()}
        super().__init__(parts, attrs)

    def value_from_datadict(self, data, files, name):
        # The govukDateInput macro names its inputs "<name>-day", "<name>-month", "<name>-year".
        return [data.get(f"{name}-{part}") for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}-{part}" not in data for part in ("day", "month", "year"))

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DateField(forms.Field):
    """A date entered as day, month and year, with the Design System's error messages."""

    widget = DateInput

    def __init__(self, *, not_in_future: bool = False, **kwargs):
        self.not_in_future = not_in_future
        self.today = None  # set by the form when it must check "not in the future"
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        day, month, year = ((part or "").strip() for part in (value or [None, None, None]))
        label = self.label or "The date"
        if not (day or month or year):
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"{label} must be a real date", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date", code="invalid") from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(f"Enter {(self.label or 'the date').lower()}", code="required")
        if value and self.not_in_future and self.today and value > self.today:
            raise forms.ValidationError(f"{self.label} must be today or in the past", code="future")


def _label(bf, *, page_heading: bool = False) -> dict:
    return {"text": bf.label, "classes": "govuk-label--s"}


def _error(bf) -> dict | None:
    return {"text": " ".join(bf.errors)} if bf.errors else None


def _hint(bf) -> dict | None:
    return {"text": str(bf.help_text)} if bf.help_text else None


def _choice_items(bf, *, radios: bool) -> list[dict]:
    current = "" if bf.value() is None else str(bf.value())
    items = []
    for value, text in bf.field.choices:
        key = "checked" if radios else "selected"
        items.append({"value": value, "text": text or "Not recorded", key: str(value) == current})
    return items


def govuk_field(bf) -> tuple[str, dict]:
    """The GOV.UK macro name and its parameters for one bound field."""
    widget = bf.field.widget
    common = {"id": bf.auto_id, "name": bf.html_name, "hint": _hint(bf), "errorMessage": _error(bf)}
    if isinstance(widget, DateInput):
        parts = bf.value() if isinstance(bf.value(), list | tuple) else widget.decompress(bf.value())
        error_class = " govuk-input--error" if bf.errors else ""
        items = [
            {
                "name": "day",
                "label": "Day",
                "value": parts[0] or "",
                "classes": "govuk-input--width-2" + error_class,
            },
            {
                "name": "month",
                "label": "Month",
                "value": parts[1] or "",
                "classes": "govuk-input--width-2" + error_class,
            },
            {
                "name": "year",
                "label": "Year",
                "value": parts[2] or "",
                "classes": "govuk-input--width-4" + error_class,
            },
        ]
        return "date", common | {
            "namePrefix": bf.html_name,
            "id": bf.auto_id,
            "fieldset": {"legend": {"text": bf.label, "classes": "govuk-fieldset__legend--s"}},
            "items": items,
        }
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (bf.value() or [])}
        return "checkboxes", common | {
            "idPrefix": bf.auto_id,
            "fieldset": {"legend": {"text": bf.label, "classes": "govuk-fieldset__legend--s"}},
            "items": [
                {"value": value, "text": text, "checked": str(value) in chosen}
                for value, text in bf.field.choices
            ],
            "classes": "govuk-checkboxes--small",
        }
    if isinstance(widget, forms.RadioSelect):
        return "radios", common | {
            "fieldset": {"legend": {"text": bf.label, "classes": "govuk-fieldset__legend--s"}},
            "items": _choice_items(bf, radios=True),
            "idPrefix": bf.auto_id,
        }
    if isinstance(widget, forms.Select):
        return "select", common | {"label": _label(bf), "items": _choice_items(bf, radios=False)}
    if isinstance(widget, forms.CheckboxInput):
        return "checkboxes", common | {
            "idPrefix": bf.auto_id,
            "items": [{"value": "on", "text": bf.label, "checked": bool(bf.value()), "id": bf.auto_id}],
        }
    if isinstance(widget, forms.Textarea):
        return "textarea", common | {"label": _label(bf), "value": bf.value() or "", "rows": 4}
    value = "" if bf.value() is None else str(bf.value())
    if isinstance(widget, forms.PasswordInput) and not widget.render_value:
        value = ""  # a password typed is never sent back in the page
    return "input", common | {
        "label": _label(bf),
        "value": value,
        "type": getattr(widget, "input_type", "text"),
        "classes": widget.attrs.get("class", ""),
        "autocomplete": widget.attrs.get("autocomplete"),
        "spellcheck": False if widget.attrs.get("spellcheck") == "false" else None,
    }


def error_summary(form) -> list[dict]:
    """Error summary links, in field order, each pointing at the field's first input."""
    links = []
    for bf in form:
        if not bf.errors:
            continue
        target = f"{bf.auto_id}-day" if isinstance(bf.field.widget, DateInput) else bf.auto_id
        links.extend({"text": message, "href": f"#{target}"} for message in bf.errors)
    links.extend({"text": message, "href": "#main-content"} for message in form.non_field_errors())
    return links


def _first_lower(label: str) -> str:
    return label[0].lower() + label[1:]


def text_field(
    label: str, *, required: bool = False, help_text: str = "", max_length: int = 5000, lines: bool = True
):
    """Free text (a textarea, or one line with `lines=False`) with the Design System's messages."""
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea if lines else forms.TextInput,
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "required": f"Enter {_first_lower(label)}",
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def whole_number_field(label: str, *, help_text: str = ""):
    """An optional whole number, in a narrow box that brings up the number keypad on a phone."""
    return forms.IntegerField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"invalid": f"{label} must be a whole number"},
    )


class DatedForm(forms.Form):
    """A form whose dates may not be in the future: the view passes `today`."""

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, DateField):
                field.today = today


class VersionedForm(forms.Form):
    """A form that changes a record, carrying the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedVersionedForm(DatedForm, VersionedForm):
    """Both: dates checked against today, and the version read."""


def service_kwargs(data: Mapping[str, object]) -> dict[str, object]:
    """A form's cleaned data as a service's keyword arguments: the form's fields are named as the
    service's parameters, and its hidden `version` is the version the service expects to change."""
    values = dict(data)
    if "version" in values:
        values["expected_version"] = values.pop("version")
    return values


class UploadField(forms.FileField):
    """A file checked by its contents before the form is valid (core/uploads.py): one of `kinds`,
    within its size limit, scanned when a scanner is configured. The hint says what it takes."""

    def __init__(self, *, kinds: tuple[uploads.Kind, ...], **kwargs):
        self.kinds = kinds
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("empty", f"{uploads.SUBJECT} is empty")
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                uploads.check(upload, self.kinds)
            except uploads.UploadRefused as refused:
                raise forms.ValidationError(str(refused), code="refused") from None
        return upload

    def limit_text(self) -> str:
        """ "smaller than 10MB": the largest of the kinds' limits, for the hint."""
        largest = max(uploads.limit_bytes(kind) for kind in self.kinds)
        return f"smaller than {largest / (1024 * 1024):g}MB"
