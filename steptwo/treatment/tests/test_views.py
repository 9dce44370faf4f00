"""The plan, step-up, high-intensity waiting list and signposting pages, and the referral partial."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.measures import services as measures
from steptwo.measures.models import CompletedBy
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.tests import builders
from steptwo.treatment import directory, notes, services
from steptwo.treatment.codes import Intervention
from steptwo.treatment.models import PlannedIntervention, Signposting, StepUp
from steptwo.treatment.tests.helpers import session, start_treatment

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_referral(other_patient, other_team, other_pwp):
    return start_treatment(builders.make_referral(other_patient, other_team, other_pwp), other_pwp)


# The plan


def test_the_plan_shows_each_intervention_with_its_data_set_therapy_type(pwp_client, pwp, in_treatment):
    services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.COMPUTERISED_CBT)

    page = pwp_client.get(f"/treatment/plan/{in_treatment.pk}/").content.decode()

    # Domain reference §4.5: guided self-help (computer) is SNOMED CT 748041000000107.
    assert "Computerised CBT support" in page and "Guided self-help (computer)" in page
    assert "748041000000107" in page


def test_an_intervention_is_added_with_another_therapy_type_and_ended(pwp_client, in_treatment):
    url = f"/treatment/plan/{in_treatment.pk}/"

    response = pwp_client.post(
        url, {"intervention": "worry_management", "therapy_type": "748041000000107"}, follow=True
    )

    planned = PlannedIntervention.objects.get()
    assert planned.therapy_type == "748041000000107"
    assert "Worry management added to the treatment plan." in response.content.decode()
    pwp_client.post(f"/treatment/plan/intervention/{planned.pk}/end/")
    planned.refresh_from_db()
    assert planned.ended_at is not None


def test_adding_an_intervention_twice_is_refused_on_the_form(pwp_client, pwp, in_treatment):
    services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.WORRY_MANAGEMENT)

    content = pwp_client.post(f"/treatment/plan/{in_treatment.pk}/", {"intervention": "worry_management"}).content
    assert "Worry management is already in the treatment plan" in content.decode()


def test_the_plan_of_another_service_is_not_found(pwp_client, other_pwp, other_referral):
    planned = services.add_intervention(by=other_pwp, referral=other_referral, intervention=Intervention.EXPOSURE)

    assert pwp_client.get(f"/treatment/plan/{other_referral.pk}/").status_code == 404
    assert pwp_client.post(f"/treatment/plan/intervention/{planned.pk}/end/").status_code == 404


# Step-up and the high-intensity waiting list


def test_the_step_up_page_shows_the_latest_scores_and_steps_up(pwp_client, pwp, in_treatment):
    measures.record_response(
        by=pwp, referral=in_treatment, instrument_id="gad7", answers={f"q{n}": 2 for n in range(1, 8)},
        completed_by=CompletedBy.CLINICIAN_IN_SESSION,
    )  # fmt: skip
    url = f"/treatment/step-up/{in_treatment.pk}/"

    page = pwp_client.get(url).content.decode()
    assert "GAD-7" in page and ">14<" in page and "These scores are kept with the step-up record" in page

    assert "Give the reason for stepping up" in pwp_client.post(url, {"reason": ""}).content.decode()
    response = pwp_client.post(url, {"reason": "Risk above step 2"})
    assert response.status_code == 302
    in_treatment.refresh_from_db()
    assert in_treatment.status == ReferralStatus.STEPPED_UP
    assert StepUp.objects.get().scores == {"gad7": "14"}


def test_a_discharged_referral_shows_why_it_cannot_be_stepped_up(pwp_client, pwp, in_treatment):
    referrals.change_status(by=pwp, referral=in_treatment, to=ReferralStatus.DISCHARGED)

    page = pwp_client.get(f"/treatment/step-up/{in_treatment.pk}/").content.decode()

    assert "This referral has been discharged: make a new referral to see the patient again" in page
    assert 'name="reason"' not in page


def test_step_up_of_another_service_is_not_found(pwp_client, other_referral):
    assert pwp_client.get(f"/treatment/step-up/{other_referral.pk}/").status_code == 404


def stepped_up(referral, by, days_ago, reason):
    """Stepped up at noon (local) `days_ago` days ago: a time of day no clock change can move to another day."""
    record = services.step_up(by=by, referral=referral, reason=reason)
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    StepUp.objects.filter(pk=record.pk).update(
        stepped_up_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    )
    return record


def make_referral(patient, team, pwp):
    return builders.make_referral(patient, team, pwp)


def test_the_high_intensity_waiting_list_is_oldest_first_and_this_service_only(
    pwp_client, pwp, patient, team, in_treatment, other_pwp, other_referral
):
    stepped_up(in_treatment, pwp, days_ago=3, reason="Recent step-up")
    stepped_up(make_referral(patient, team, pwp), pwp, days_ago=40, reason="Longest waiting")
    discharged = make_referral(patient, team, pwp)
    stepped_up(discharged, pwp, days_ago=60, reason="Already discharged")
    referrals.change_status(by=pwp, referral=discharged, to=ReferralStatus.DISCHARGED)
    stepped_up(other_referral, other_pwp, days_ago=90, reason="Other service")

    page = pwp_client.get("/treatment/high-intensity-waiting-list/").content.decode()

    assert page.index("Longest waiting") < page.index("Recent step-up")
    assert "Days waiting </span>40</td>" in page
    assert "Already discharged" not in page and "Other service" not in page


def test_the_high_intensity_waiting_list_makes_the_same_queries_however_long(pwp, patient, team, staff_in_role):
    client = client_for(staff_in_role(Role.HIGH_INTENSITY))
    stepped_up(make_referral(patient, team, pwp), pwp, days_ago=3, reason="First")
    client.get("/treatment/high-intensity-waiting-list/")
    with CaptureQueriesContext(connection) as one:
        client.get("/treatment/high-intensity-waiting-list/")
    stepped_up(make_referral(patient, team, pwp), pwp, days_ago=2, reason="Second")
    stepped_up(make_referral(patient, team, pwp), pwp, days_ago=1, reason="Third")
    with CaptureQueriesContext(connection) as three:
        page = client.get("/treatment/high-intensity-waiting-list/").content.decode()

    assert "Third" in page
    assert len(three) == len(one)


def test_the_high_intensity_waiting_list_needs_a_role_that_sees_referrals(staff_in_role):
    assert (
        client_for(staff_in_role(Role.SYSTEM_ADMIN)).get("/treatment/high-intensity-waiting-list/").status_code == 403
    )


# Signposting


@pytest.fixture
def organisation(service, pwp):
    return directory.add_organisation(
        by=pwp, service=service, name="Northshire Debt Advice", offers="Free debt advice", area="Northshire"
    )


def test_the_directory_lists_active_and_retired_organisations_apart(pwp_client, pwp, service, organisation):
    retired = directory.add_organisation(by=pwp, service=service, name="Old Carers Group", offers="Carers' support")
    directory.retire_organisation(by=pwp, organisation=retired)

    page = pwp_client.get("/treatment/signposting/").content.decode()

    assert page.index("Northshire Debt Advice") < page.index("Retired (kept") < page.index("Old Carers Group")
    assert "Free debt advice" in page and "Northshire" in page


def test_a_manager_adds_changes_and_retires_an_organisation(staff_in_role, organisation):
    client = client_for(staff_in_role(Role.SERVICE_MANAGER))

    assert "Enter the organisation" in client.post("/treatment/signposting/add/", {"name": ""}).content.decode()
    client.post("/treatment/signposting/add/", {"name": "Walking Group", "offers": "Weekly walks", "area": "North"})
    client.post(f"/treatment/signposting/{organisation.pk}/edit/", {"name": "Debt Advice North", "offers": "Advice"})
    client.post(f"/treatment/signposting/{organisation.pk}/retire/")

    organisation.refresh_from_db()
    assert (organisation.name, organisation.active) == ("Debt Advice North", False)
    assert organisation.service.signposting.filter(name="Walking Group", active=True).exists()


def test_booking_staff_see_the_directory_but_do_not_change_it(staff_in_role, organisation):
    client = client_for(staff_in_role(Role.ADMIN_STAFF))

    assert "Add an organisation" not in client.get("/treatment/signposting/").content.decode()
    assert client.get("/treatment/signposting/add/").status_code == 403
    assert client.post(f"/treatment/signposting/{organisation.pk}/retire/").status_code == 403


def test_another_services_directory_entry_is_not_found(other_pwp, organisation):
    assert client_for(other_pwp).get(f"/treatment/signposting/{organisation.pk}/edit/").status_code == 404


def test_signposting_a_patient_keeps_the_referral_open(pwp_client, pwp, service, in_treatment, organisation):
    retired = directory.add_organisation(by=pwp, service=service, name="Closed Service", offers="Nothing now")
    directory.retire_organisation(by=pwp, organisation=retired)
    url = f"/treatment/signpost/{in_treatment.pk}/"

    page = pwp_client.get(url).content.decode()
    assert "Northshire Debt Advice (Northshire)" in page and "Closed Service" not in page
    assert (
        "Select an organisation in the directory" in pwp_client.post(url, {"organisation": retired.pk}).content.decode()
    )

    response = pwp_client.post(url, {"organisation": organisation.pk, "note": "Will phone them"}, follow=True)

    assert "Signposted to Northshire Debt Advice. The referral stays open." in response.content.decode()
    assert Signposting.objects.get().note == "Will phone them"
    in_treatment.refresh_from_db()
    assert in_treatment.status == ReferralStatus.IN_TREATMENT


def test_signposting_another_services_referral_is_not_found(pwp_client, other_referral):
    assert pwp_client.get(f"/treatment/signpost/{other_referral.pk}/").status_code == 404


# The partial for the patient record


def test_the_referral_partial_summarises_treatment_with_links(pwp, trainee, in_treatment, organisation):
    services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.BEHAVIOURAL_ACTIVATION)
    first = session(in_treatment, trainee, days_ago=3)
    session(in_treatment, pwp, days_ago=2)
    note = notes.write_note(by=trainee, appointment=first, note_text="Seen")
    notes.finalise_note(by=trainee, note=note, expected_version=note.version)
    services.signpost(by=pwp, referral=in_treatment, organisation=organisation)
    services.step_up(by=pwp, referral=in_treatment, reason="Not improving")

    html = render_to_string("treatment/_referral_treatment.jinja", {"referral": in_treatment, "user": pwp})

    assert "Behavioural activation (Guided self-help (book))" in html
    assert "2 treatment sessions attended" in html
    assert "1 note is awaiting supervisor sign-off" in html
    assert "Stepped up to high intensity on" in html and "Not improving" in html
    assert "Signposted to Northshire Debt Advice" in html
    assert f"/treatment/plan/{in_treatment.pk}/" in html and f"/treatment/signpost/{in_treatment.pk}/" in html
    assert f"/treatment/note/{first.pk}/" in html
