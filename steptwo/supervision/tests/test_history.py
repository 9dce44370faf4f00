"""A referral's supervision history (supervision.history) and its partial for the referral page."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.supervision import services
from steptwo.supervision.codes import CaseDecision, SupervisionKind
from steptwo.supervision.history import history_for_referral, reason_texts
from steptwo.supervision.models import CaseDiscussion
from steptwo.tests import builders


@pytest.fixture
def pwp(pwp):
    pwp.date_joined = timezone.now() - datetime.timedelta(days=400)
    pwp.save(update_fields=["date_joined"])
    return pwp


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def discuss(by, supervisee, referral, held_on, decision=CaseDecision.CONTINUE, actions=(), reasons=(), notes=""):
    return services.record_session(
        by=by, supervisee=supervisee, held_on=held_on, kind=SupervisionKind.CASE_MANAGEMENT, minutes=60,
        discussions=[{"referral": referral, "decision": decision, "reasons": list(reasons), "notes": notes,
                      "actions": list(actions)}],
    )  # fmt: skip


def test_the_history_is_newest_first_with_everything_said(supervisor, pwp, referral):
    discuss(supervisor, pwp, referral, days_ago(14), reasons=["Never discussed in supervision"], notes="Settling in")
    action = {"description": "Step up to HI", "owner": pwp, "due_date": days_ago(0)}
    latest = discuss(supervisor, pwp, referral, days_ago(7), CaseDecision.STEP_UP, actions=[action])

    entries = history_for_referral(referral)

    assert [entry.held_on for entry in entries] == [days_ago(7), days_ago(14)]
    newest, oldest = entries
    assert (newest.session_pk, newest.decision, newest.decision_code) == (
        latest.pk,
        "Step up to high intensity",
        "step_up",
    )
    assert (newest.supervisor, newest.supervisee, newest.kind) == (supervisor, pwp, "Case management")
    assert [(a.description, a.owner, a.due_date) for a in newest.actions] == [("Step up to HI", pwp, days_ago(0))]
    assert (oldest.reasons, oldest.notes, oldest.actions) == (("Never discussed in supervision",), "Settling in", ())


def test_only_this_referrals_discussions(supervisor, pwp, referral, patient, team):
    other = builders.make_referral(patient, team, pwp)
    discuss(supervisor, pwp, other, days_ago(1))

    assert history_for_referral(referral) == []


def test_the_history_takes_the_same_queries_for_1_and_5_discussions(
    supervisor, pwp, referral, django_assert_num_queries
):
    action = {"description": "Call", "owner": pwp, "due_date": days_ago(0)}
    for days in range(1, 6):
        discuss(supervisor, pwp, referral, days_ago(days), actions=[action])

    with django_assert_num_queries(2):  # discussions with sessions and people; actions with owners and tasks
        entries = history_for_referral(referral)

    assert len(entries) == 5 and all(entry.actions[0].task.title == "Call" for entry in entries)


def test_reasons_stored_as_review_list_dicts_read_as_sentences():
    assert reason_texts([{"code": "risk", "text": "Risk level raised"}, "No contact for 30 days"]) == (
        "Risk level raised", "No contact for 30 days",
    )  # fmt: skip
    assert reason_texts(None) == ()


def render(referral, user):
    request = RequestFactory().get("/")
    request.user = user
    context = {"referral": referral, "user": user, "supervision_history": history_for_referral(referral)}
    return render_to_string("supervision/_referral_supervision.jinja", context, request=request)


def test_the_partial_shows_each_discussion_with_a_link_to_the_session(supervisor, pwp, referral):
    action = {"description": "Book a review", "owner": pwp, "due_date": days_ago(0)}
    session = discuss(supervisor, pwp, referral, days_ago(3), CaseDecision.RISK_ACTION, actions=[action],
                      reasons=["Risk level raised"], notes="Safety plan reviewed")  # fmt: skip

    html = render(referral, supervisor)

    assert "Risk action" in html and "Risk level raised" in html and "Safety plan reviewed" in html
    assert "Book a review: Priya Shah, due" in html
    assert f'href="/supervision/sessions/{session.pk}/"' in html


def test_the_supervisee_may_open_their_session_but_other_staff_only_read_the_history(
    supervisor, pwp, referral, staff_in_role
):
    session = discuss(supervisor, pwp, referral, days_ago(1))
    link = f'href="/supervision/sessions/{session.pk}/"'

    assert link in render(referral, pwp)
    html = render(referral, staff_in_role(Role.ADMIN_STAFF))
    assert link not in html and "Continue as planned" in html


def test_the_partial_says_when_a_case_was_never_discussed(supervisor, referral):
    assert "Not discussed in supervision yet." in render(referral, supervisor)
    assert not CaseDiscussion.objects.exists()
