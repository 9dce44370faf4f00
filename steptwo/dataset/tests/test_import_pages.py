"""The pages that show a referral's record, scores and treatment cope with imported records: scores
without item answers (imported totals), placeholder patient names, the import account, imported care
activities."""

import pytest
from django.urls import reverse

from steptwo.appointments.models import Appointment
from steptwo.dataset import services
from steptwo.dataset.tests.test_import import VALID, write_files
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db
OPEN = VALID | {"IDS101Referral": ["R1,P1,2026-01-05,A1,,"]}


@pytest.fixture
def imported(tmp_path, service, team, pwp):
    services.import_dataset(by=pwp, service=service, team=team, directory=write_files(tmp_path))
    return Referral.objects.get()


@pytest.fixture
def imported_open(tmp_path, service, team, pwp):
    services.import_dataset(by=pwp, service=service, team=team, directory=write_files(tmp_path, OPEN))
    return Referral.objects.get()


def test_patient_record(pwp_client, imported):
    response = pwp_client.get(reverse("patients:detail", args=[imported.patient_id]))
    assert response.status_code == 200
    assert "Imported patient P1" in response.content.decode()


def test_referral_record(pwp_client, imported):
    response = pwp_client.get(reverse("referrals:detail", args=[imported.pk]))
    assert response.status_code == 200


def test_progress_charts_show_imported_totals(pwp_client, imported):
    response = pwp_client.get(reverse("measures:referral_progress", args=[imported.pk]))
    assert response.status_code == 200
    assert "17" in response.content.decode()


def test_fhir_export_of_imported_totals(pwp_client, imported):
    response = pwp_client.get(reverse("measures:patient_fhir", args=[imported.patient_id]))
    assert response.status_code == 200


def test_treatment_plan_with_imported_care_activities(pwp_client, imported):
    response = pwp_client.get(reverse("treatment:plan", args=[imported.pk]))
    assert response.status_code == 200


def test_imported_session_note(pwp_client, imported):
    contact = Appointment.objects.get(note__isnull=False)
    response = pwp_client.get(reverse("treatment:note", args=[contact.pk]))
    assert response.status_code == 200


def test_discharge_page_of_an_open_imported_referral(pwp_client, imported_open):
    response = pwp_client.get(reverse("discharge:discharge", args=[imported_open.pk]))
    assert response.status_code == 200
