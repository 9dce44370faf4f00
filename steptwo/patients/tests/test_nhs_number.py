import pytest
from django.core.exceptions import ValidationError

from steptwo.patients import nhs_number


# Worked example (domain reference §8.3): 943 476 5919
# 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 90+36+24+28+42+30+20+27+2 = 299
# 299 mod 11 = 2; 11 − 2 = 9 = the 10th digit, so the number is valid.
def test_check_digit_matches_hand_worked_example():
    assert nhs_number.check_digit("943476591") == 9


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943 4765919", " 943-476-5919 ", "3417284996"])
def test_validate_accepts_valid_numbers_with_or_without_spaces(value):
    assert nhs_number.validate(value) in {"9434765919", "3417284996"}


def test_validate_refuses_wrong_check_digit():
    with pytest.raises(ValidationError) as error:
        nhs_number.validate("943 476 5918")
    assert error.value.messages == [nhs_number.FAILS_CHECK]
    assert "not a valid NHS number" in nhs_number.FAILS_CHECK


def test_validate_refuses_nine_digits_with_its_own_message():
    with pytest.raises(ValidationError) as error:
        nhs_number.validate("943 476 591")
    assert error.value.messages == [nhs_number.NOT_TEN_DIGITS]


def test_validate_refuses_letters():
    with pytest.raises(ValidationError) as error:
        nhs_number.validate("943 476 591A")
    assert error.value.messages == [nhs_number.NOT_DIGITS]


# Hand-worked edge cases (weights 10..2 on digits 1-9):
# 000 000 001: 1×2 = 2; 2 mod 11 = 2; 11 − 2 = 9.
# 100 000 000: 1×10 = 10; 10 mod 11 = 10; 11 − 10 = 1.
# 000 000 010: 1×3 = 3; 11 − 3 = 8.
# 100 000 001: 10 + 2 = 12; 12 mod 11 = 1; 11 − 1 = 10, so no number starting with these digits is valid.
@pytest.mark.parametrize(
    "first_nine,expected", [("000000001", 9), ("100000000", 1), ("000000010", 8), ("100000001", 10)]
)
def test_check_digit_edge_cases(first_nine, expected):
    assert nhs_number.check_digit(first_nine) == expected


def test_is_valid_refuses_numbers_whose_check_would_be_ten():
    assert not any(nhs_number.is_valid(f"100000001{digit}") for digit in range(10))


def test_remainder_eleven_gives_check_digit_zero():
    # 000 000 000x: sum 0; 0 mod 11 = 0; 11 − 0 = 11 → check digit 0.
    assert nhs_number.check_digit("000000000") == 0
    assert nhs_number.is_valid("9000000009")  # listed valid in domain reference §8.3
