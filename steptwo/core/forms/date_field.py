"""A date entered as day, month and year boxes, the NHS.UK date-input pattern.

Errors follow the design system's wording: "Enter ...", "... must include a month",
"... must be a real date". What the user typed is kept for re-display, even when it is not a date.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")


class DateInputWidget(forms.Widget):
    """Reads <name>-day, <name>-month and <name>-year; rendered by the NHS.UK date-input macro."""

    def value_from_datadict(self, data, files, name):
        return {part: (data.get(f"{name}-{part}") or "").strip() for part in PARTS}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in PARTS)


class DateInputField(forms.Field):
    widget = DateInputWidget

    def __init__(self, *, past_only=False, earliest=None, required_message=None, **kwargs):
        self.past_only = past_only
        self.earliest = earliest
        self.required_message = required_message
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.date) or value is None:
            return value
        if not any(value.values()):
            return None
        name = self.label or "Date"
        missing = [part for part in PARTS if not value[part]]
        if missing:
            raise ValidationError(f"{name} must include a {' and '.join(missing)}", code="incomplete")
        try:
            day, month, year = (int(value[part]) for part in PARTS)
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{name} must be a real date", code="invalid") from None

    def validate(self, value):
        if value is None and self.required:
            message = self.required_message or f"Enter {(self.label or 'the date').lower()}"
            raise ValidationError(message, code="required")
        if value is None:
            return
        if self.past_only and value > datetime.date.today():
            raise ValidationError(f"{self.label} must be today or in the past", code="future")
        if self.earliest and value < self.earliest:
            raise ValidationError(
                f"{self.label} must be on or after {self.earliest.day} {self.earliest:%B %Y}", code="too_early"
            )


def parts_for_display(value):
    """The three boxes' contents: what was typed when the form was bound, else the stored date."""
    if isinstance(value, dict):
        return value
    if isinstance(value, datetime.date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    return {part: "" for part in PARTS}
