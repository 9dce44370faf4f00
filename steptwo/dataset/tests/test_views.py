import csv
import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.dataset import tables
from steptwo.outcomes.tests.histories import finished_course
from steptwo.referrals.models import Referral
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
OCTOBER = {"month": "2026-10"}


@pytest.mark.parametrize("role", [Role.PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF, Role.SYSTEM_ADMIN])
@pytest.mark.parametrize(
    "name", ["dataset:quality", "dataset:quality_check", "dataset:download", "dataset:download_zip"]
)
def test_only_service_managers_may_open_the_pages(client, staff_in_role, role, name):
    client.force_login(staff_in_role(role))
    url = reverse(name, args=["source"]) if name == "dataset:quality_check" else reverse(name)
    assert client.get(url, OCTOBER).status_code == 403
    assert not AuditEvent.objects.filter(action__in=[AuditAction.VIEW, AuditAction.EXPORT]).exists()


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(reverse("dataset:quality"))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_the_report_lists_each_check_and_the_referrals_it_found(manager_client, manager, pwp, referral):
    finished_course(pwp, referral)
    response = manager_client.get(reverse("dataset:quality"), OCTOBER)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Data quality: October 2026</h1>" in page
    assert "Ethnic category not recorded or invalid" in page
    assert reverse("referrals:detail", args=[referral.pk]) in page
    assert "Treated with no problem descriptor" in page


def test_opening_the_report_is_audited_without_patient_data(manager_client, manager, pwp, referral):
    finished_course(pwp, referral)
    manager_client.get(reverse("dataset:quality"), OCTOBER)
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor_id=manager.pk)
    assert event.detail["month"] == "October 2026"
    assert event.detail["counts"]["ethnicity"] == 1
    assert event.patient_id is None and "9434765919" not in str(event.detail)


def test_the_report_audits_the_ids_of_the_referrals_and_patients_it_lists(manager_client, manager, pwp, team):
    first, second = (
        builders.make_patient(manager.service, pwp, nhs_number=nhs) for nhs in ("9990000018", "9990000026")
    )
    listed = [builders.make_referral(patient, team, pwp) for patient in (first, second, first)]
    manager_client.get(reverse("dataset:quality"), OCTOBER)
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor_id=manager.pk)
    assert event.detail["referrals"] == sorted(referral.pk for referral in listed)
    assert event.detail["patients"] == sorted([first.pk, second.pk])


def test_a_checks_page_audits_the_ids_of_the_referrals_and_patients_on_it(manager_client, manager, pwp, team):
    patient = builders.make_patient(manager.service, pwp, nhs_number="9990000018")
    wrong_source, right_source = (builders.make_referral(patient, team, pwp) for _ in range(2))
    Referral.objects.filter(pk=wrong_source.pk).update(source="Z9")
    manager_client.get(reverse("dataset:quality_check", args=["source"]), OCTOBER)
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor_id=manager.pk)
    assert (event.detail["check"], event.detail["referrals"], event.detail["patients"]) == (
        "source",
        [wrong_source.pk],
        [patient.pk],
    )
    assert right_source.pk not in event.detail["referrals"]


def test_another_services_referrals_are_not_shown(manager_client, other_patient, other_team, other_pwp):
    elsewhere = builders.make_referral(other_patient, other_team, other_pwp)
    response = manager_client.get(reverse("dataset:quality"), OCTOBER)
    page = response.content.decode()
    assert reverse("referrals:detail", args=[elsewhere.pk]) not in page
    assert "0 referrals in the month’s files" in page


def test_without_a_month_the_last_complete_month(manager_client):
    today = timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    response = manager_client.get(reverse("dataset:quality"))
    assert response.status_code == 200
    assert f"<h1>Data quality: {last:%B %Y}</h1>" in response.content.decode()


def test_a_month_not_offered_is_an_error_on_the_form(manager_client):
    response = manager_client.get(reverse("dataset:quality"), {"month": "1999-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a month from the list" in page
    assert "<h2>Summary</h2>" not in page


def test_a_checks_own_page_lists_all_its_referrals(manager_client, pwp, referral, patient, team):
    referrals = [referral] + [builders.make_referral(patient, team, pwp) for _ in range(2)]
    Referral.objects.filter(pk__in=[r.pk for r in referrals]).update(source="Z9")
    response = manager_client.get(reverse("dataset:quality_check", args=["source"]), OCTOBER)
    assert response.status_code == 200
    page = response.content.decode()
    assert all(reverse("referrals:detail", args=[r.pk]) in page for r in referrals)


def test_an_unknown_check_or_month_is_not_found(manager_client):
    assert manager_client.get(reverse("dataset:quality_check", args=["nonsense"]), OCTOBER).status_code == 404
    assert manager_client.get(reverse("dataset:quality_check", args=["source"]), {"month": "x"}).status_code == 404


def test_the_download_form_with_the_month_chosen_beforehand(manager_client):
    response = manager_client.get(reverse("dataset:download"), OCTOBER)
    assert response.status_code == 200
    page = response.content.decode()
    assert "IDS201CareContact.csv" in page
    assert '<option value="2026-10" selected>' in page
    assert f'action="{reverse("dataset:download_zip")}"' in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_files_without_a_month_go_back_to_the_form(manager_client):
    response = manager_client.get(reverse("dataset:download_zip"))
    assert response.status_code == 302 and response["Location"] == reverse("dataset:download")


def test_a_month_not_offered_is_refused_with_the_reason(manager_client):
    response = manager_client.get(reverse("dataset:download_zip"), {"month": "1999-01"})
    assert response.status_code == 200
    assert "Choose a month from the list" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_download_is_a_zip_of_the_months_files_and_audited(manager_client, manager, pwp, referral):
    finished_course(pwp, referral)
    response = manager_client.get(reverse("dataset:download_zip"), OCTOBER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"{manager.service.ods_code}-talking-therapies-data-set-2026-10.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(tables.file_name(table) for table in tables.TABLES)
    contacts = list(csv.DictReader(io.TextIOWrapper(archive.open("IDS201CareContact.csv"), encoding="utf-8")))
    assert [row["CareContDate"] for row in contacts] == ["2026-10-05", "2026-10-12", "2026-10-19"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor_id == manager.pk and event.detail["rows"][tables.IDS101_REFERRAL] == 1


def test_the_download_holds_only_the_managers_service(manager_client, other_patient, other_team, other_pwp):
    builders.make_referral(other_patient, other_team, other_pwp)
    response = manager_client.get(reverse("dataset:download_zip"), OCTOBER)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.read("IDS101Referral.csv").decode().strip() == ",".join(tables.COLUMNS[tables.IDS101_REFERRAL])
