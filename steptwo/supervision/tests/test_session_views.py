"""The record-a-supervision-session page and the session page."""

import datetime
import re

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.tests.make import attend, book, days_from_now
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision import services
from steptwo.supervision.codes import CaseDecision, SupervisionKind
from steptwo.supervision.models import SupervisionSession
from steptwo.tasks.models import Task, TaskKind
from steptwo.tests import builders

URL = "/supervision/sessions/new/"


@pytest.fixture
def pwp(pwp):
    pwp.date_joined = timezone.now() - datetime.timedelta(days=400)
    pwp.save(update_fields=["date_joined"])
    return pwp


@pytest.fixture
def supervisor_client(client, supervisor):
    client.force_login(supervisor)
    return client


def today():
    return timezone.localdate()


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def session_data(**overrides):
    return (
        {"kind": SupervisionKind.CASE_MANAGEMENT, "minutes": "60", "notes": ""} | date_fields("held_on", today())
    ) | overrides


def case_data(referral, decision="", discussed=True, notes="", actions=()):
    prefix = f"case-{referral.pk}"
    data = {"case": str(referral.pk), f"{prefix}-decision": decision, f"{prefix}-notes": notes}
    if discussed:
        data[f"{prefix}-discussed"] = "on"
    for n, (description, owner, due) in enumerate(actions, start=1):
        data[f"{prefix}-action-{n}-description"] = description
        data[f"{prefix}-action-{n}-owner"] = str(owner.pk)
        data |= date_fields(f"{prefix}-action-{n}-due_date", due) if due else {}
    return data


def post(client, supervisee, data, cases=()):
    """Post with several cases: `case` is a list field."""
    body = dict(data)
    pks = [str(c.pk) for c in cases]
    for key in ("case",):
        body.pop(key, None)
    return client.post(f"{URL}?supervisee={supervisee.pk}", body | ({"case": pks} if pks else {}))


def missed_twice(referral, by):
    """Two missed appointments in a row: the case is on the review list (default threshold 2)."""
    for days in (2, 1):
        appointment = book(referral, by=by, starts_at=days_from_now(-days), app_type=AppType.ASSESSMENT)
        attend(appointment, by=by, attendance=AttendOrDNACode.DID_NOT_ATTEND)


# Who may open it


def test_only_supervisors_may_record_supervision(pwp_client, pwp):
    assert pwp_client.get(f"{URL}?supervisee={pwp.pk}").status_code == 403


def test_a_supervisee_of_another_service_is_not_found(supervisor_client, other_pwp):
    assert supervisor_client.get(f"{URL}?supervisee={other_pwp.pk}").status_code == 404


def test_someone_without_a_caseload_is_not_found(supervisor_client, staff_in_role):
    assert supervisor_client.get(f"{URL}?supervisee={staff_in_role(Role.ADMIN_STAFF).pk}").status_code == 404


def test_without_a_supervisee_the_supervisor_chooses_one(supervisor_client, trainee, pwp):
    html = supervisor_client.get(URL).content.decode()

    own, others = html.split("Others in your service")
    assert f"?supervisee={trainee.pk}" in own and "Tara Trainee" in own
    assert f"?supervisee={pwp.pk}" in others


# The form


def test_the_review_list_cases_are_listed_with_their_reasons(supervisor_client, pwp, referral, patient, team):
    missed_twice(referral, pwp)
    other = builders.make_referral(builders.make_patient(patient.service, pwp, nhs_number="", given_name="Olu"), team, pwp,
                                   received_date=today())  # fmt: skip

    response = supervisor_client.get(f"{URL}?supervisee={pwp.pk}")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="case" value="{referral.pk}"' in html
    assert "Did not attend the last 2 appointments" in html
    assert f'name="case" value="{other.pk}"' not in html  # not listed: it can be added
    assert re.search(rf'<option value="{other.pk}"[^>]*>EXAMPLE, Olu', html)


def test_adding_a_case_keeps_what_was_typed_and_saves_nothing(supervisor_client, pwp, referral, patient, team):
    missed_twice(referral, pwp)
    other = builders.make_referral(patient, team, pwp, received_date=today())
    data = session_data(minutes="45", notes="Half typed") | case_data(
        referral, CaseDecision.CONTINUE, notes="Keep going"
    )

    response = post(supervisor_client, pwp, data | {"add": str(other.pk), "add_case": "1"}, cases=[referral])

    html = response.content.decode()
    assert not SupervisionSession.objects.exists()
    assert "There is a problem" not in html
    assert 'value="45"' in html and "Half typed" in html and "Keep going" in html
    assert f'name="case" value="{other.pk}"' in html
    assert "Added to this session: not on the review list." in html


def test_a_session_is_saved_with_decisions_and_actions_and_shown(
    supervisor_client, supervisor, pwp, referral, patient, team
):
    second = builders.make_referral(patient, team, pwp, received_date=today())
    due = today() + datetime.timedelta(days=7)
    data = (
        session_data(notes="Weekly review")
        | case_data(referral, CaseDecision.STEP_UP, actions=[("Step up to HI", pwp, due)])
        | {k: v for k, v in case_data(second, CaseDecision.DISCHARGE, actions=[("Discharge", pwp, due)]).items() if k != "case"}
    )  # fmt: skip

    response = post(supervisor_client, pwp, data, cases=[referral, second])

    session = SupervisionSession.objects.get()
    assert response.status_code == 302 and response.url == f"/supervision/sessions/{session.pk}/"
    assert (session.supervisor, session.supervisee, session.minutes, session.notes) == (
        supervisor,
        pwp,
        60,
        "Weekly review",
    )
    assert sorted(session.discussions.values_list("decision", flat=True)) == ["discharge", "step_up"]
    tasks = Task.objects.filter(kind=TaskKind.SUPERVISION_ACTION, owner=pwp)
    assert sorted(tasks.values_list("title", flat=True)) == ["Discharge", "Step up to HI"]
    page = supervisor_client.get(response.url).content.decode()
    assert "Supervision session with Priya Shah recorded: 2 cases discussed, 2 actions added to task lists" in page
    assert "Step up to high intensity" in page and "Step up to HI" in page and f"/referrals/{referral.pk}/" in page


def test_cases_not_ticked_are_not_recorded(supervisor_client, pwp, referral):
    data = session_data() | case_data(referral, CaseDecision.CONTINUE, discussed=False)

    post(supervisor_client, pwp, data, cases=[referral])

    assert not SupervisionSession.objects.get().discussions.exists()


def test_notes_typed_for_a_case_not_ticked_are_not_lost(supervisor_client, pwp, referral):
    data = session_data() | case_data(referral, discussed=False, notes="Important")

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert not SupervisionSession.objects.exists()
    assert "Alex Example: Tick ‘Discussed in this session’ to record the notes or actions you entered" in html


def test_form_errors_are_summarised_and_everything_typed_kept(supervisor_client, pwp, referral):
    data = session_data(minutes="500") | case_data(referral, notes="We talked", actions=[("Ring GP", pwp, None)])

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert not SupervisionSession.objects.exists()
    assert "<title>Error: " in html
    assert "A supervision session lasts between 5 and 480 minutes" in html
    assert "Alex Example: Select the decision about this case" in html
    assert 'value="500"' in html and "We talked" in html


def test_action_errors_name_the_case_and_the_row(supervisor_client, pwp, referral):
    data = session_data() | case_data(referral, CaseDecision.CONTINUE, actions=[("Ring GP", pwp, None)])

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert "Alex Example, action 1: Enter the due date" in html
    assert 'value="Ring GP"' in html


def test_a_refusal_by_the_rules_is_shown_on_the_case(supervisor_client, pwp, referral):
    data = session_data() | case_data(referral, CaseDecision.STEP_UP)

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert not SupervisionSession.objects.exists()
    assert "Alex Example: A decision to step up to high intensity needs at least one action" in html
    assert f'href="#id_case-{referral.pk}-decision"' in html


def test_a_refused_due_date_is_shown_on_its_action_row(supervisor_client, pwp, referral):
    held_on = today() - datetime.timedelta(days=3)
    data = session_data(**date_fields("held_on", held_on)) | case_data(
        referral, CaseDecision.CONTINUE, actions=[("Ring GP", pwp, held_on - datetime.timedelta(days=1))]
    )

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert "Alex Example, action 1: The due date must be on or after the date of the session" in html
    assert f'href="#id_case-{referral.pk}-action-1-due_date-day"' in html


def test_a_clinical_skills_session_with_cases_is_refused_on_the_type(supervisor_client, pwp, referral):
    data = session_data(kind=SupervisionKind.CLINICAL_SKILLS) | case_data(referral, CaseDecision.CONTINUE)

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert 'href="#id_kind"' in html and "a clinical-skills session has no case discussions" in html


def test_a_case_no_longer_open_is_dropped_from_the_page(supervisor_client, pwp, referral):
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    html = post(supervisor_client, pwp, session_data() | {"add_case": "1"}, cases=[referral]).content.decode()

    assert f'name="case" value="{referral.pk}"' not in html


def test_the_page_is_audited_with_the_patients_shown(supervisor_client, supervisor, pwp, referral):
    missed_twice(referral, pwp)

    supervisor_client.get(f"{URL}?supervisee={pwp.pk}")

    event = AuditEvent.objects.filter(action=AuditAction.VIEW, actor_id=supervisor.pk).latest("pk")
    assert event.detail == {"page": "record_supervision_session", "supervisee": pwp.pk, "shown": [referral.patient_id]}


# The session page


def record(supervisor, pwp, referral):
    return services.record_session(
        by=supervisor, supervisee=pwp, held_on=today(), kind=SupervisionKind.CASE_MANAGEMENT, minutes=60,
        discussions=[{"referral": referral, "decision": CaseDecision.DISCHARGE, "reasons": ["No contact for 30 days"],
                      "actions": [{"description": "Discharge letter", "owner": pwp, "due_date": today()}]}],
    )  # fmt: skip


def test_the_session_page_shows_decisions_reasons_and_actions(supervisor_client, supervisor, pwp, referral):
    session = record(supervisor, pwp, referral)

    html = supervisor_client.get(f"/supervision/sessions/{session.pk}/").content.decode()

    assert "Decision: Discharge" in html and "No contact for 30 days" in html
    assert "Discharge letter" in html and "Priya Shah" in html


def test_the_session_page_is_audited_for_each_patient(supervisor_client, supervisor, pwp, referral):
    session = record(supervisor, pwp, referral)

    supervisor_client.get(f"/supervision/sessions/{session.pk}/")

    viewed = AuditEvent.objects.filter(action=AuditAction.VIEW, actor_id=supervisor.pk, object_type="casediscussion")
    assert list(viewed.values_list("patient_id", flat=True)) == [referral.patient_id]


def test_the_supervisee_and_managers_may_see_the_session_but_not_colleagues(
    client, supervisor, pwp, referral, staff_in_role
):
    session = record(supervisor, pwp, referral)
    url = f"/supervision/sessions/{session.pk}/"

    client.force_login(pwp)
    assert client.get(url).status_code == 200
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))
    assert client.get(url).status_code == 200
    client.force_login(staff_in_role(Role.PWP))
    assert client.get(url).status_code == 403


def test_another_services_session_is_not_found(client, supervisor, pwp, referral, other_service, other_team):
    session = record(supervisor, pwp, referral)
    client.force_login(builders.make_staff(other_service, Role.PWP_SUPERVISOR, teams=[other_team]))

    assert client.get(f"/supervision/sessions/{session.pk}/").status_code == 404


def test_an_owner_from_another_service_cannot_be_posted(supervisor_client, pwp, referral, other_pwp):
    due = today() + datetime.timedelta(days=1)
    data = session_data() | case_data(referral, CaseDecision.CONTINUE, actions=[("Ring GP", other_pwp, due)])

    html = post(supervisor_client, pwp, data, cases=[referral]).content.decode()

    assert not SupervisionSession.objects.exists()
    assert "Alex Example, action 1: Select who will do it from the list" in html
