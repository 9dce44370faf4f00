"""Stored outcomes (storage.py, ADR 0012, hazard H031): a report stores the outcomes of ended referrals and
reads them back, always exactly what deriving again gives, and any write to what the derivation reads, by
whatever route, makes the stored outcome out of date."""

import pytest
from django.db import connection
from django.db.models import F

from steptwo.appointments.codes import AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.measures import services as measures
from steptwo.measures.models import QuestionnaireResponse, Threshold
from steptwo.outcomes import storage
from steptwo.outcomes.aggregates import derive_period
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.models import StoredOutcome
from steptwo.outcomes.periods import open_in_period
from steptwo.outcomes.tests.histories import answers, assess, at, day, finished_course, new_referral, score, treat
from steptwo.referrals import services as referrals
from steptwo.referrals.models import Discharge, PresentingComplaint, Referral

pytestmark = pytest.mark.django_db

OCTOBER = (day(10, 1), day(10, 31))


def live(start=OCTOBER[0], end=OCTOBER[1]):
    """What the period's figures are counted from, derived from the history alone."""
    active = open_in_period(Referral.objects.all(), start, end)
    return derive(active, as_of=end, scores_for=active.filter(discharge__discharge_date__lte=end))


def current():
    """The referrals whose stored outcome is up to date with their history."""
    return set(StoredOutcome.objects.filter(derived_changes=F("changes")).values_list("referral_id", flat=True))


@pytest.fixture
def finished(pwp, referral):
    return finished_course(pwp, referral)


@pytest.fixture
def derived(monkeypatch):
    """The ids of the referrals the derivation is asked for (clear() it between reports)."""
    ids, real = [], storage.derive

    def spy(referrals, **options):
        ids.extend(referrals)  # a list of ids
        return real(referrals, **options)

    monkeypatch.setattr(storage, "derive", spy)
    return ids


def test_a_report_stores_what_ended_and_reads_it_back(finished, pwp, patient, team, derived):
    still_open = new_referral(patient, team, pwp)
    assess(pwp, still_open, at(10, 6))
    first = derive_period(*OCTOBER)
    assert current() == {finished.pk, still_open.pk}
    assert sorted(derived) == [finished.pk, still_open.pk]
    derived.clear()
    second = derive_period(*OCTOBER)
    assert derived == []  # both read from storage
    assert second == first == live()
    assert second[0].flags.reliable_recovery  # PHQ-9 17 → 6, GAD-7 12 → 5


def test_a_later_period_reads_the_same_row(finished, derived):
    derive_period(*OCTOBER)
    derived.clear()
    assert derive_period(day(10, 15), day(11, 30)) == live(day(10, 15), day(11, 30))
    assert derived == []


def test_fill_stores_every_ended_referral(finished, derived):
    assert storage.fill(as_of=day(10, 31)) == 1
    assert storage.fill(as_of=day(10, 31)) == 0  # already current
    derived.clear()
    assert derive_period(*OCTOBER) == live()
    assert derived == []


def _book_another_contact(pwp, referral):
    Appointment.objects.create(
        referral=referral, practitioner=pwp, booked_by=pwp, starts_at=at(10, 14, 10), duration_minutes=30,
        app_type="02", mechanism="02", attendance=AttendOrDNACode.ATTENDED,
    )  # fmt: skip


def _change_an_outcome(pwp, referral):
    appointment = referral.appointments.filter(app_type="02").last()
    appointment.attendance = AttendOrDNACode.DID_NOT_ATTEND
    appointment.save()


def _record_a_score(pwp, referral):
    score(pwp, referral, "phq9", 20, at(10, 19, 11))


def _correct_a_score(pwp, referral):
    response = referral.responses.filter(instrument_id="phq9").last()
    measures.correct_response(by=pwp, response=response, answers=answers("phq9", 12), reason="Misread")


def _mark_a_score_in_error(pwp, referral):
    response = referral.responses.filter(instrument_id="gad7").last()
    measures.mark_entered_in_error(by=pwp, response=response, reason="Another patient's")


def _record_a_complaint(pwp, referral):
    referrals.record_presenting_complaint(by=pwp, referral=referral, code_system="ICD-10", code="F40.1", label="x")
    PresentingComplaint.objects.filter(referral=referral).update(recorded_at=at(10, 5, 12))


def _move_the_discharge(pwp, referral):
    Discharge.objects.filter(referral=referral).update(discharge_date=day(10, 19))  # a bulk update


def _move_the_received_date(pwp, referral):
    Referral.objects.filter(pk=referral.pk).update(received_date=day(10, 2))


def _raw_sql(pwp, referral):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE measures_questionnaireresponse SET total = 9 WHERE referral_id = %s", [referral.pk])


def _delete_a_score(pwp, referral):
    response = referral.responses.filter(instrument_id="gad7").last()
    response.item_answers.all().delete()
    QuestionnaireResponse.objects.filter(pk=response.pk).delete()


WRITES = [
    _book_another_contact, _change_an_outcome, _record_a_score, _correct_a_score, _mark_a_score_in_error,
    _record_a_complaint, _move_the_discharge, _move_the_received_date, _raw_sql, _delete_a_score,
]  # fmt: skip


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__.strip("_"))
def test_any_write_to_the_history_makes_the_stored_outcome_out_of_date(finished, pwp, write):
    before = derive_period(*OCTOBER)
    assert current() == {finished.pk}
    write(pwp, finished)
    assert current() == set()
    after = derive_period(*OCTOBER)
    assert after == live()
    assert current() == {finished.pk}  # stored again
    if write not in (_record_a_complaint, _move_the_received_date):
        assert after != before  # the write changed the outcome, and the report shows the change


def test_other_rule_settings_are_not_read_from_rows_stored_under_others(finished, settings, derived):
    derive_period(*OCTOBER)
    derived.clear()
    settings.OUTCOMES_RELIABLE_CHANGE_BOUNDARY = "more_than"
    assert derive_period(*OCTOBER) == live()
    assert derived == [finished.pk]


def test_changed_reference_data_is_not_read_from_rows_stored_under_the_old(finished, derived):
    derive_period(*OCTOBER)
    derived.clear()
    # PHQ-9 17 → 6 and GAD-7 12 → 5 are no longer reliable falls
    Threshold.objects.filter(instrument_id__in=["phq9", "gad7"]).update(reliable_change=12)
    after = derive_period(*OCTOBER)
    assert derived == [finished.pk]
    assert after == live()
    assert not after[0].flags.reliable_improvement


def test_a_complaint_recorded_after_the_discharge_holds_from_its_day(finished, pwp, derived):
    referrals.record_presenting_complaint(by=pwp, referral=finished, code_system="ICD-10", code="F41.1", label="x")
    PresentingComplaint.objects.filter(referral=finished).update(recorded_at=at(10, 25, 12))
    derive_period(*OCTOBER)
    assert StoredOutcome.objects.get(referral=finished).valid_from == day(10, 25)
    derived.clear()
    assert derive_period(day(10, 1), day(10, 24)) == live(day(10, 1), day(10, 24))
    assert derived == [finished.pk]  # before the complaint was recorded: derived again
    derived.clear()
    derive_period(*OCTOBER)
    assert derived == []


def test_nothing_is_stored_while_a_complaint_was_recorded_after_the_period(finished, pwp):
    referrals.record_presenting_complaint(by=pwp, referral=finished, code_system="ICD-10", code="F41.1", label="x")
    PresentingComplaint.objects.filter(referral=finished).update(recorded_at=at(11, 5, 12))
    assert derive_period(*OCTOBER) == live()
    assert current() == set()


def test_a_write_while_a_report_derives_leaves_the_row_out_of_date(finished, pwp, monkeypatch):
    real = storage.derive

    def derive_then_write(referrals, **options):
        outcomes = real(referrals, **options)
        _record_a_score(pwp, finished)  # after the history was read, before the outcome is stored
        return outcomes

    monkeypatch.setattr(storage, "derive", derive_then_write)
    derive_period(*OCTOBER)
    monkeypatch.setattr(storage, "derive", real)
    assert current() == set()
    assert derive_period(*OCTOBER) == live()


def test_a_row_stored_by_another_report_meanwhile_is_not_lost(finished, pwp, patient, team, monkeypatch):
    still_open = new_referral(patient, team, pwp)
    real = storage.derive

    def another_report_stores_first(referrals, **options):
        monkeypatch.setattr(storage, "derive", real)
        storage.fill(as_of=day(10, 31))  # after this report's first read
        return real(referrals, **options)

    monkeypatch.setattr(storage, "derive", another_report_stores_first)
    outcomes = derive_period(*OCTOBER)
    assert [outcome.referral_id for outcome in outcomes] == sorted([finished.pk, still_open.pk])
    assert outcomes == live()


def test_an_open_referral_is_read_back_until_a_contact_is_recorded(pwp, patient, team, derived):
    still_open = new_referral(patient, team, pwp)
    assess(pwp, still_open, at(10, 6))
    derive_period(*OCTOBER)
    derived.clear()
    assert derive_period(*OCTOBER) == live()
    assert derived == []
    treat(pwp, still_open, at(10, 20))
    after = derive_period(*OCTOBER)
    assert derived == [still_open.pk]
    assert after == live()
    assert after[0].treatment_contact_count == 1


def test_an_open_referral_with_a_contact_after_the_period_is_not_stored(pwp, patient, team):
    still_open = new_referral(patient, team, pwp)
    assess(pwp, still_open, at(10, 6))
    treat(pwp, still_open, at(11, 3))  # attended: a care contact for a period ending on or after 3 November
    assert derive_period(*OCTOBER) == live()
    assert current() == set()


def test_an_open_row_holds_until_the_day_before_the_discharge(pwp, referral, derived):
    finished_course(pwp, referral, discharged=day(11, 10))
    derive_period(*OCTOBER)  # open on 31 October
    assert StoredOutcome.objects.get(referral=referral).valid_until == day(11, 9)
    derived.clear()
    assert derive_period(day(10, 1), day(11, 9)) == live(day(10, 1), day(11, 9))
    assert derived == []
    ended = derive_period(day(10, 1), day(11, 10))
    assert derived == [referral.pk]  # ended on 10 November: derived, with its scores
    assert ended == live(day(10, 1), day(11, 10))
    assert ended[0].flags.reliable_recovery


def test_an_open_row_is_not_read_for_a_day_before_it_was_derived(pwp, patient, team, derived):
    still_open = new_referral(patient, team, pwp)
    assess(pwp, still_open, at(10, 6))
    treat(pwp, still_open, at(10, 20))
    derive_period(*OCTOBER)
    derived.clear()
    assert derive_period(day(10, 1), day(10, 10)) == live(day(10, 1), day(10, 10))  # before the treatment
    assert derived == [still_open.pk]


def test_a_release_changing_the_derivation_makes_every_stored_outcome_out_of_date(finished, monkeypatch, derived):
    derive_period(*OCTOBER)
    derived.clear()
    monkeypatch.setattr(storage, "CODE_DIGEST", "another release")
    assert derive_period(*OCTOBER) == live()
    assert derived == [finished.pk]


def test_the_code_digest_covers_the_derivation_and_its_code_lists():
    names = {path.name for path in storage.DERIVATION_SOURCES}
    assert {"derivation.py", "judgement.py", "sql.py", "reference.py", "storage.py", "codes.py", "adsm.py"} <= names
