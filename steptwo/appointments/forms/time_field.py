"""A time of day typed as HH:MM (24-hour clock), with errors that say how to write it."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class TimeOfDayField(forms.Field):
    """Accepts 9:30, 09:30 or 09.30. What was typed is kept for re-display when it is not a time."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 09:30 or 14:00")
        super().__init__(**kwargs)
        self.widget.attrs.update({"width": 5, "autocomplete": "off", "spellcheck": "false"})

    def to_python(self, value):
        if isinstance(value, datetime.time) or value in (None, ""):
            return value or None
        match = _TIME.match(value.strip())
        name = self.label or "Time"
        if not match:
            raise ValidationError(f"{name} must be in the 24-hour clock with hours and minutes, like 09:30 or 14:00")
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            raise ValidationError(f"{name} must be a real time, like 09:30 or 14:00")
        return datetime.time(hour, minute)

    def prepare_value(self, value):
        return value.strftime("%H:%M") if isinstance(value, datetime.time) else value
