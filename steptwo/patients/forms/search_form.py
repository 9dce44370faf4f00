import datetime
import re

from django import forms

from steptwo.patients import nhs_number

_DATE = re.compile(r"^(\d{1,2})[/\s.-](\d{1,2})[/\s.-](\d{4})$")


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, NHS number or date of birth", required=False, max_length=100,
        help_text="For example, Smith, 943 476 5919 or 31/12/1980",
    )  # fmt: skip


def interpret(query):
    """What kind of search this is: ("nhs_number", digits), ("date_of_birth", date) or ("name", text)."""
    query = (query or "").strip()
    digits = nhs_number.normalise(query)
    if digits.isdigit() and len(digits) == 10:
        return "nhs_number", digits
    match = _DATE.match(query)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return "date_of_birth", datetime.date(year, month, day)
        except ValueError:
            pass
    return "name", query
