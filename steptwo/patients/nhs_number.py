"""NHS number checks: 10 digits, the 10th a modulus 11 check digit.

Algorithm (domain reference §8.3): weight digits 1-9 by 10 down to 2, sum, take the remainder
mod 11; check digit = 11 - remainder, where 11 means 0 and 10 means the number is invalid.
"""

import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s-]")

NOT_TEN_DIGITS = "NHS number must be 10 digits, like 943 476 5919"
NOT_DIGITS = "NHS number must contain only digits and spaces"
FAILS_CHECK = "This is not a valid NHS number. Check it has been typed correctly"


def normalise(value):
    """Digits only: "943 476 5919" and "943-476-5919" both become "9434765919"."""
    return _SEPARATORS.sub("", value or "")


def check_digit(first_nine):
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1)))
    check = 11 - (total % 11)
    return 0 if check == 11 else check  # 10 means no valid number has these first nine digits


def is_valid(digits):
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = check_digit(digits[:9])
    return check != 10 and check == int(digits[9])


def validate(value):
    """Return the normalised NHS number, or raise ValidationError with a specific message."""
    digits = normalise(value)
    if not digits.isdigit():
        raise ValidationError(NOT_DIGITS, code="not_digits")
    if len(digits) != 10:
        raise ValidationError(NOT_TEN_DIGITS, code="length")
    if not is_valid(digits):
        raise ValidationError(FAILS_CHECK, code="check_digit")
    return digits
