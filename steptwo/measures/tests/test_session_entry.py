import pytest

from steptwo.measures.models import QuestionnaireResponse
from steptwo.referrals import services as referrals
from steptwo.tasks.models import Task

pytestmark = pytest.mark.django_db


def post_data(phq9=None, gad7=None, **extra):
    data = {
        "completed_on-day": "20",
        "completed_on-month": "11",
        "completed_on-year": "2026",
        "completed_by": "clinician_session",
    }
    for prefix, values in (("phq9", phq9), ("gad7", gad7)):
        for number, value in enumerate(values or [], start=1):
            data[f"{prefix}-q{number}"] = value
    return data | extra


def test_form_offers_phq9_gad7_and_the_mapped_adsm_when_registered(pwp_client, pwp, referral):
    referrals.record_presenting_complaint(by=pwp, referral=referral, code_system="ICD-10", code="F41.1", label="GAD")

    content = pwp_client.get(f"/measures/referral/{referral.pk}/record/").content.decode()

    assert "PHQ-9" in content and "GAD-7" in content
    assert "the anxiety measure is the GAD-7" in content


def test_saving_phq9_and_gad7_shows_totals_bands_and_caseness(pwp_client, referral):
    # PHQ-9: 2+2+2+1+1+1+1+1+0 = 11 (moderate, at caseness >= 10); GAD-7: 1×7 = 7 (mild, below caseness >= 8)
    data = post_data(phq9=["2", "2", "2", "1", "1", "1", "1", "1", "0"], gad7=["1"] * 7)

    response = pwp_client.post(f"/measures/referral/{referral.pk}/record/", data, follow=True)

    content = response.content.decode()
    assert QuestionnaireResponse.objects.count() == 2
    assert "<strong>11</strong> (Moderate)" in content
    assert "At caseness (threshold 10 or more)" in content
    assert "<strong>7</strong> (Mild)" in content
    assert "Below caseness (threshold 8 or more)" in content


def test_missing_and_invalid_answers_are_named_and_every_answer_kept(pwp_client, referral):
    data = post_data(phq9=["2", "", "7", "1", "1", "1", "1", "1", "0"], gad7=["1"] * 7)

    content = pwp_client.post(f"/measures/referral/{referral.pk}/record/", data).content.decode()

    assert "PHQ-9: Answer question 2" in content
    assert "PHQ-9: Question 3 must be one of 0, 1, 2, 3" in content
    assert 'href="#id_phq9-q2"' in content
    assert 'name="phq9-q3" type="text" value="7"' in content or 'value="7"' in content
    assert content.count('value="1"') >= 12
    assert not QuestionnaireResponse.objects.exists()


def test_item9_shows_risk_warning_and_creates_task(pwp_client, referral):
    data = post_data(phq9=["1"] * 9, gad7=["1"] * 7)

    content = pwp_client.post(f"/measures/referral/{referral.pk}/record/", data, follow=True).content.decode()

    assert "Risk review needed" in content
    assert Task.objects.filter(referral=referral).count() == 1


def test_other_service_referral_is_not_found(pwp_client, other_patient, other_team, other_pwp):
    from steptwo.tests import builders

    other_referral = builders.make_referral(other_patient, other_team, other_pwp)

    assert pwp_client.get(f"/measures/referral/{other_referral.pk}/record/").status_code == 404


def test_wsas_work_question_can_be_marked_not_applicable(pwp_client, referral):
    # WSAS for someone retired: q2-q5 = 4+3+3+4 = 14; the work item is filled with their mean, so
    # 14 × 5/4 = 17.5 → 18 (NHS Data Dictionary WSAS scoring; see instruments/wsas.py).
    data = {
        "completed_on-day": "20", "completed_on-month": "11", "completed_on-year": "2026",
        "completed_by": "clinician_session", "wsas-not_working": "on",
        "wsas-q2": "4", "wsas-q3": "3", "wsas-q4": "3", "wsas-q5": "4",
    }  # fmt: skip

    response = pwp_client.post(f"/measures/referral/{referral.pk}/record/?instrument=wsas", data, follow=True)

    assert "<strong>18</strong>" in response.content.decode()
