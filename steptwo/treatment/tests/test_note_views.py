"""The session note page, the sign-off list and the measures recorded for a session."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.measures import services as measures
from steptwo.measures.models import CompletedBy, QuestionnaireResponse
from steptwo.tests import builders
from steptwo.treatment import notes, services
from steptwo.treatment.codes import Intervention, NoteStatus
from steptwo.treatment.models import SessionNote
from steptwo.treatment.tests.helpers import session, start_treatment

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def note_data(**fields):
    return {"work_done": "Activity diary reviewed", "homework_reviewed": "", "homework_set": "Plan two activities",
            "note": "Mood a little better", "version": ""} | fields  # fmt: skip


def test_a_pwp_writes_and_finalises_a_note(pwp_client, pwp, attended):
    planned = services.add_intervention(
        by=pwp, referral=attended.referral, intervention=Intervention.BEHAVIOURAL_ACTIVATION
    )
    url = f"/treatment/note/{attended.pk}/"

    page = pwp_client.get(url).content.decode()
    assert "<h1>Session 1 note</h1>" in page and "Finalise" in page
    assert "Behavioural activation (Guided self-help (book))" in page

    response = pwp_client.post(url, note_data(interventions=[planned.pk], action="finalise"), follow=True)

    note = SessionNote.objects.get(appointment=attended)
    assert note.status == NoteStatus.FINAL and list(note.interventions.all()) == [planned]
    content = response.content.decode()
    assert "Note finalised." in content and "Activity diary reviewed" in content
    assert 'name="work_done"' not in content  # read-only now


def test_save_draft_keeps_the_note_a_draft(pwp_client, attended):
    pwp_client.post(f"/treatment/note/{attended.pk}/", note_data(action="save"))

    assert SessionNote.objects.get(appointment=attended).status == NoteStatus.DRAFT


def test_a_trainee_sends_a_note_for_sign_off(trainee, supervisor, trainee_session):
    client = client_for(trainee)
    url = f"/treatment/note/{trainee_session.pk}/"
    assert "Send for sign-off" in client.get(url).content.decode()

    response = client.post(url, note_data(action="finalise"), follow=True)

    assert "Note sent to Sam Supervisor for sign-off." in response.content.decode()
    assert SessionNote.objects.get(appointment=trainee_session).status == NoteStatus.AWAITING_SIGN_OFF


def test_a_trainee_without_a_supervisor_is_told_and_keeps_what_they_typed(trainee, trainee_session):
    trainee.supervisor = None
    trainee.save()

    response = client_for(trainee).post(f"/treatment/note/{trainee_session.pk}/", note_data(action="finalise"))

    content = response.content.decode()
    assert "No supervisor is recorded for you" in content
    assert "Activity diary reviewed" in content
    assert not SessionNote.objects.exists()  # all or nothing: not even the draft


def test_no_note_form_for_a_missed_appointment(pwp_client, pwp, in_treatment):
    missed = session(in_treatment, pwp, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    url = f"/treatment/note/{missed.pk}/"

    page = pwp_client.get(url).content.decode()
    assert "This appointment was not attended" in page and 'name="work_done"' not in page

    content = pwp_client.post(url, note_data(action="save")).content.decode()
    assert "This appointment was not attended" in content and "Activity diary reviewed" in content
    assert not SessionNote.objects.exists()


def test_a_stale_edit_keeps_the_input_and_says_so(pwp_client, pwp, attended):
    note = notes.write_note(by=pwp, appointment=attended)
    opened = note.version
    notes.save_note(by=pwp, note=note, expected_version=opened, work_done="Saved in another tab")

    response = pwp_client.post(
        f"/treatment/note/{attended.pk}/", note_data(work_done="Typed here", version=opened, action="save")
    )

    content = response.content.decode()
    assert "Someone else changed this note after you opened it" in content
    assert "Typed here" in content
    assert f'name="version" value="{opened + 1}"' in content
    note.refresh_from_db()
    assert note.work_done == "Saved in another tab"


def test_a_final_note_cannot_be_changed_through_the_page(pwp_client, pwp, attended):
    note = notes.write_note(by=pwp, appointment=attended, note_text="Seen")
    notes.finalise_note(by=pwp, note=note, expected_version=note.version)

    content = pwp_client.post(
        f"/treatment/note/{attended.pk}/", note_data(version=note.version, action="save")
    ).content.decode()

    assert "This note is final and cannot be changed" in content
    note.refresh_from_db()
    assert note.work_done == ""


def test_another_services_appointment_is_not_found(other_pwp, pwp_client, other_patient, other_team):
    referral = start_treatment(builders.make_referral(other_patient, other_team, other_pwp), other_pwp)
    appointment = session(referral, other_pwp)

    assert pwp_client.get(f"/treatment/note/{appointment.pk}/").status_code == 404


def test_booking_staff_cannot_open_a_note(staff_in_role, attended):
    assert client_for(staff_in_role(Role.ADMIN_STAFF)).get(f"/treatment/note/{attended.pk}/").status_code == 403


def test_the_note_page_shows_the_measures_of_the_session(pwp_client, pwp, attended):
    measures.record_response(
        by=pwp, referral=attended.referral, instrument_id="phq9", answers={f"q{n}": 2 for n in range(1, 10)},
        completed_by=CompletedBy.CLINICIAN_IN_SESSION, appointment=attended,
    )  # fmt: skip

    page = pwp_client.get(f"/treatment/note/{attended.pk}/").content.decode()

    assert "PHQ-9" in page and ">18<" in page and "Moderately severe" in page
    assert (
        f'/measures/referral/{attended.referral_id}/record/?appointment={attended.pk}">Record measures for this session'
        in page
    )


def test_session_measures_are_linked_to_the_appointment_and_dated_by_it(pwp_client, attended):
    local = timezone.localtime(attended.starts_at)
    url = f"/measures/referral/{attended.referral_id}/record/?appointment={attended.pk}&instrument=phq9"
    page = pwp_client.get(url).content.decode()
    assert f'name="completed_on-day" type="text" value="{local.day}"' in page
    data = {"completed_on-day": local.day, "completed_on-month": local.month, "completed_on-year": local.year,
            "completed_by": "clinician_session"} | {f"phq9-q{n}": "1" for n in range(1, 10)}  # fmt: skip

    pwp_client.post(url, data)

    response = QuestionnaireResponse.objects.get()
    assert (response.appointment, response.completed_at) == (attended, attended.starts_at)


def test_session_measures_for_another_referrals_appointment_are_not_found(pwp_client, pwp, patient, team, attended):
    other_referral = builders.make_referral(patient, team, pwp)

    assert (
        pwp_client.get(f"/measures/referral/{other_referral.pk}/record/?appointment={attended.pk}").status_code == 404
    )


def awaiting_note(trainee, referral, days_ago):
    note = notes.write_note(by=trainee, appointment=session(referral, trainee, days_ago=days_ago), note_text="Seen")
    return notes.finalise_note(by=trainee, note=note, expected_version=note.version)


def test_the_sign_off_list_puts_the_supervisors_own_supervisees_first(supervisor, trainee, in_treatment, service, team):
    other_trainee = builders.make_staff(service, Role.TRAINEE_PWP, teams=[team], first_name="Olu", last_name="Other")
    other_trainee.supervisor = builders.make_staff(service, Role.PWP_SUPERVISOR, teams=[team])
    other_trainee.save()
    awaiting_note(other_trainee, in_treatment, days_ago=3)
    awaiting_note(trainee, in_treatment, days_ago=2)

    page = client_for(supervisor).get("/treatment/sign-offs/").content.decode()

    assert page.index("Your supervisees") < page.index("Tara Trainee") < page.index("Other notes in the service")
    assert page.index("Other notes in the service") < page.index("Olu Other")


def test_the_sign_off_list_makes_the_same_queries_however_many_notes(supervisor, trainee, in_treatment):
    client = client_for(supervisor)
    awaiting_note(trainee, in_treatment, days_ago=5)
    client.get("/treatment/sign-offs/")  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get("/treatment/sign-offs/")
    awaiting_note(trainee, in_treatment, days_ago=4)
    awaiting_note(trainee, in_treatment, days_ago=3)
    with CaptureQueriesContext(connection) as three:
        page = client.get("/treatment/sign-offs/").content.decode()

    assert page.count("Sign off<span") == 3
    assert len(three) == len(one)


def test_the_supervisor_signs_off_from_the_list(supervisor, trainee, in_treatment):
    note = awaiting_note(trainee, in_treatment, days_ago=2)

    response = client_for(supervisor).post(f"/treatment/note/{note.appointment_id}/sign-off/", follow=True)

    assert "Signed off Alex Example&#39;s session 1 note." in response.content.decode()
    note.refresh_from_db()
    assert (note.status, note.signed_off_by) == (NoteStatus.FINAL, supervisor)
    page = client_for(trainee).get(f"/treatment/note/{note.appointment_id}/").content.decode()
    assert "Signed off by" in page and "Sam Supervisor on" in page


def test_a_pwp_cannot_sign_off(pwp_client, trainee, in_treatment):
    note = awaiting_note(trainee, in_treatment, days_ago=2)

    assert pwp_client.post(f"/treatment/note/{note.appointment_id}/sign-off/").status_code == 403
    assert pwp_client.get("/treatment/sign-offs/").status_code == 403


def test_the_supervisor_returns_a_note_with_a_comment_the_trainee_sees(supervisor, trainee, in_treatment):
    note = awaiting_note(trainee, in_treatment, days_ago=2)
    url = f"/treatment/note/{note.appointment_id}/return/"
    client = client_for(supervisor)

    assert "Say what needs changing" in client.post(url, {"comment": ""}).content.decode()
    client.post(url, {"comment": "Add the risk discussion"})

    note.refresh_from_db()
    assert note.status == NoteStatus.DRAFT
    page = client_for(trainee).get(f"/treatment/note/{note.appointment_id}/").content.decode()
    assert "Returned for changes" in page and "Add the risk discussion" in page and 'name="work_done"' in page


def test_another_services_note_cannot_be_signed_off(other_service, trainee, in_treatment):
    note = awaiting_note(trainee, in_treatment, days_ago=2)
    elsewhere = client_for(builders.make_staff(other_service, Role.PWP_SUPERVISOR))

    assert elsewhere.post(f"/treatment/note/{note.appointment_id}/sign-off/").status_code == 404
