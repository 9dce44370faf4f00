"""The reporting-month form of the data-quality report and the data-set download.

A GET form: the page's address says which month it shows. Without a month, the last complete month.
"""

import datetime

from django import forms

from steptwo.dataset.export import month_bounds

MONTHS_OFFERED = 36


def last_complete_month(today):
    previous = today.replace(day=1) - datetime.timedelta(days=1)
    return f"{previous:%Y-%m}"


def month_choices(today):
    """The current month and the MONTHS_OFFERED before it, newest first: [("2026-10", "October 2026")]."""
    year, month = today.year, today.month
    choices = []
    for _ in range(MONTHS_OFFERED + 1):
        choices.append((f"{year:04d}-{month:02d}", f"{datetime.date(year, month, 1):%B %Y}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return choices


class MonthForm(forms.Form):
    month = forms.ChoiceField(
        label="Reporting month", error_messages={"invalid_choice": "Choose a month from the list"}
    )

    def __init__(self, data=None, *, today):
        bound = data is not None and "month" in data
        super().__init__(data if bound else None, initial={"month": last_complete_month(today)})
        self.fields["month"].choices = month_choices(today)

    def period(self):
        """(first day, last day, label) of the chosen month; call only when valid or unbound."""
        value = self.cleaned_data["month"] if self.is_bound else self.initial["month"]
        year, month = (int(part) for part in value.split("-"))
        start, end = month_bounds(year, month)
        return start, end, f"{start:%B %Y}"
