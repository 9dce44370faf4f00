import pytest

from steptwo.core.concurrency import update_if_unchanged
from steptwo.core.errors import StaleEditError

pytestmark = pytest.mark.django_db


def test_an_edit_from_the_current_version_is_saved_and_bumps_the_version(patient):
    update_if_unchanged(patient, expected_version=1, preferred_name="Lex")

    assert (patient.preferred_name, patient.version) == ("Lex", 2)


def test_an_edit_from_an_old_version_is_refused_and_changes_nothing(patient):
    update_if_unchanged(patient, expected_version=1, preferred_name="Lex")

    with pytest.raises(StaleEditError, match="changed by someone else"):
        update_if_unchanged(patient, expected_version=1, preferred_name="Al")
    patient.refresh_from_db()
    assert (patient.preferred_name, patient.version) == ("Lex", 2)
