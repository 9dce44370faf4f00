import datetime
import re

import pytest

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import instruments, licensed_text, services
from steptwo.measures.charts import number
from steptwo.measures.models import CompletedBy, Threshold
from steptwo.tests import builders

pytestmark = pytest.mark.django_db

# PHQ-9 16 → 7 (reliable improvement, index 6): question 1 moves by 1, question 2 by 2.
PHQ9_FIRST = {f"q{n}": 2 for n in range(1, 9)} | {"q9": 0}
PHQ9_LATEST = {f"q{n}": 1 for n in range(1, 9)} | {"q2": 0, "q9": 0}
GAD7_FIRST = {f"q{n}": 2 for n in range(1, 8)}  # 14
GAD7_LATEST = GAD7_FIRST | {"q1": 1}  # 13


def on(day, month=10):
    return datetime.datetime(2026, month, day, 10, 0, tzinfo=datetime.UTC)


def record(by, referral, instrument_id, answers, completed_at, completed_by=CompletedBy.CLINICIAN_IN_SESSION):
    return services.record_response(
        by=by, referral=referral, instrument_id=instrument_id, answers=answers, completed_by=completed_by,
        completed_at=completed_at,
    )  # fmt: skip


@pytest.fixture
def treated(pwp, referral):
    """Two PHQ-9s and two GAD-7s: the first pair at assessment, the second completed remotely."""
    record(pwp, referral, "phq9", PHQ9_FIRST, on(5))
    record(pwp, referral, "gad7", GAD7_FIRST, on(5))
    record(None, referral, "phq9", PHQ9_LATEST, on(2, 11), CompletedBy.PATIENT_REMOTELY)
    record(None, referral, "gad7", GAD7_LATEST, on(2, 11), CompletedBy.PATIENT_REMOTELY)
    return referral


def progress_page(client, referral):
    return client.get(f"/measures/referral/{referral.pk}/progress/").content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_progress_of_a_referral_in_another_service_is_not_found(pwp_client, other_patient, other_team, other_pwp):
    theirs = builders.make_referral(other_patient, other_team, other_pwp)

    assert pwp_client.get(f"/measures/referral/{theirs.pk}/progress/").status_code == 404


def test_viewing_progress_is_audited_as_a_view_of_the_patient(pwp_client, pwp, patient, treated):
    progress_page(pwp_client, treated)

    event = AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="progress").get()
    assert (event.actor_id, event.patient_id, event.object_type) == (pwp.pk, patient.pk, "patient")
    assert event.detail["referral"] == treated.pk
    assert len(event.detail["responses"]) == 4


def test_progress_shows_phq9_then_gad7_each_with_a_chart_and_its_data_table(pwp_client, treated):
    content = progress_page(pwp_client, treated)

    assert content.index('id="phq9"') < content.index('id="gad7"')
    assert 'aria-labelledby="chart-phq9-title chart-phq9-desc"' in content
    assert "First: 16 (moderately severe) on 5 October 2026. Latest: 7 (mild) on 2 November 2026." in content
    assert "PHQ-9 totals, oldest first. Caseness ≥ 10</caption>" in content
    table = text_of(content[content.index("PHQ-9 totals, oldest first") : content.index("PHQ-9 answers, question")])
    assert "5 October 2026 Total 16 Band Moderately severe Completed by Clinician, in session" in table
    assert "2 November 2026 Total 7 Band Mild Completed by Patient, remotely Change since first −9" in table


def test_item_table_marks_answers_that_moved_by_two_or_more(pwp_client, treated):
    content = progress_page(pwp_client, treated)

    moved = (
        '<strong>2. Feeling down, depressed, or hopeless</strong><span class="nhsuk-u-visually-hidden">'
        ", changed by −2</span>"
    )
    assert moved in content
    assert (
        '<th scope="row" class="nhsuk-table__header nhsuk-u-font-weight-normal">1. Little interest or pleasure in doing things</th>'
        in content
    )
    assert 'role="region" aria-label="PHQ-9 answers, question by question" tabindex="0"' in content
    assert "10. If you checked off any problems, how difficult have these… (not scored)" in content


def test_reliable_change_is_judged_against_the_index(pwp_client, treated):
    content = progress_page(pwp_client, treated)

    assert (
        "PHQ-9 went from 16 on 5 October 2026 to 7 on 2 November 2026: a change of −9. This is a reliable "
        "improvement: it meets the reliable-change index of 6." in content
    )
    assert "a change of −1. This is not a reliable change: the reliable-change index is 4." in content


def test_unverified_threshold_is_flagged_in_the_chart_table_and_reliable_change(pwp_client, treated):
    Threshold.objects.create(
        instrument_id="phq9", caseness_cutoff=11, reliable_change=5, effective_from=datetime.date(2026, 10, 20),
        source="test", verified=False,
    )  # fmt: skip

    content = progress_page(pwp_client, treated)

    assert ">Caseness ≥ 11 (unverified)</text>" in content
    assert "PHQ-9 totals, oldest first. Caseness ≥ 11 (unverified)</caption>" in content
    assert "it meets the reliable-change index of 5 (unverified)." in content


def test_no_reliable_change_verdict_without_an_index(pwp_client, treated):
    Threshold.objects.create(
        instrument_id="gad7", caseness_cutoff=8, reliable_change=None, effective_from=datetime.date(2026, 10, 20),
        source="test", verified=True,
    )  # fmt: skip

    content = progress_page(pwp_client, treated)

    assert "No reliable-change index is known for GAD-7, so reliable change cannot be judged." in content


def test_only_current_responses_are_shown(pwp_client, pwp, referral):
    wrong = record(pwp, referral, "phq9", PHQ9_FIRST | {"q1": 0}, on(5))
    services.correct_response(by=pwp, response=wrong, answers=PHQ9_FIRST, reason="Question 1 was 2")

    content = progress_page(pwp_client, referral)

    assert "Only one PHQ-9 response so far" in content
    assert "First: 16 (moderately severe)" in content
    assert 'id="gad7"' not in content


def test_referral_without_responses_says_so(pwp_client, referral):
    content = progress_page(pwp_client, referral)

    assert "No questionnaires have been completed for this referral yet." in content
    assert "app-chart" not in content


@pytest.mark.parametrize("instrument", instruments.INSTRUMENTS.values(), ids=lambda instrument: instrument.id)
def test_every_instrument_gets_a_chart_and_tables_on_its_full_range(pwp_client, pwp, referral, instrument):
    record(
        pwp, referral, instrument.id, {item.id: min(item.values) for item in instrument.items if item.options}, on(5)
    )
    record(
        pwp, referral, instrument.id, {item.id: max(item.values) for item in instrument.items if item.options}, on(9)
    )

    content = progress_page(pwp_client, referral)

    assert f'aria-labelledby="chart-{instrument.id}-title chart-{instrument.id}-desc"' in content
    assert f"First: {number(instrument.total_min)}" in content
    assert f"Latest: {number(instrument.total_max)}" in content
    assert f'aria-label="{instrument.short_name} answers, question by question"' in content


def test_data_only_items_are_numbered_unless_the_service_has_loaded_its_licensed_wording(
    pwp_client, pwp, service, team, referral
):
    spin = instruments.get("spin")
    record(pwp, referral, "spin", {item.id: 1 for item in spin.items}, on(5))
    manager = builders.make_staff(service, Role.SERVICE_MANAGER, teams=[team])
    licensed_text.load_licensed_text(by=manager, service=service, instrument_id="spin", texts={"q1": "Licensed q1"})

    content = progress_page(pwp_client, referral)

    assert ">1. Licensed q1</th>" in content
    assert ">Question 2</th>" in content


def test_band_column_only_for_instruments_with_bands(pwp_client, pwp, referral):
    record(pwp, referral, "phq9", PHQ9_FIRST, on(5))
    record(pwp, referral, "spin", {item.id: 1 for item in instruments.get("spin").items}, on(5))

    content = progress_page(pwp_client, referral)

    spin_table = content[content.index('id="spin"') :]
    assert ">Band</th>" in content[: content.index('id="spin"')]
    assert ">Band</th>" not in spin_table
