"""Export then import into an empty service reproduces the same per-referral output (issue 7 acceptance).

A history is derived, exported over its whole span (dataset.export.write_dataset), imported into a
service with no data (services.import_dataset) and derived again: every column of every referral's
per-referral CSV row is the same, the referrals matched through ImportedRecord (the exported
ServiceRequestId is the imported row's source id).
"""

import datetime

import pytest

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.dataset import services, tables
from steptwo.dataset.export import write_dataset
from steptwo.dataset.models import ImportedRecord
from steptwo.measures import services as measures
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.tests.histories import (
    answers,
    assess,
    at,
    attended_after_discharge,
    day,
    discharge,
    finished_course,
    new_referral,
    scores,
    treat,
    unplanned,
)  # fmt: skip
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import EndCode
from steptwo.referrals.models import Referral
from steptwo.tests import builders

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 12, 31)
WHOLE_HISTORY = (datetime.date(2025, 1, 1), AS_OF)


def test_a_built_history_survives_export_and_import(tmp_path, service, team, pwp, patient, referral, manager,
                                                    other_service, other_team, other_pwp):  # fmt: skip
    build_history(service, team, pwp, patient, referral)
    before = per_referral(service)
    write_dataset(service=service, start=WHOLE_HISTORY[0], end=WHOLE_HISTORY[1], directory=tmp_path, by=manager)
    services.import_dataset(by=other_pwp, service=other_service, team=other_team, directory=tmp_path)
    after = per_referral(other_service, source_ids=True)
    assert after == before
    # The history exercises what the import must carry: an ADSM judged on its corrected first score, a
    # deterioration, a referral ended unseen and an open one.
    assert sorted((row["ADSM"], row["ADSM_FirstScore"]) for row in before.values()) == [
        ("gad7", ""), ("gad7", ""), ("gad7", "12"), ("gad7", "9"), ("gad7", "9"), ("spin", "42"),
    ]  # fmt: skip
    assert [row["ReliableDeterioration_Flag"] for row in before.values()].count("True") == 1
    assert [row["CompletedTreatment_Flag"] for row in before.values()].count("True") == 3


def test_the_golden_histories_survive_export_and_import(tmp_path, service, team, pwp, manager, other_service,
                                                        other_team, other_pwp):  # fmt: skip
    services.import_dataset(by=pwp, service=service, team=team, directory=golden())
    before = per_referral(service)
    write_dataset(service=service, start=WHOLE_HISTORY[0], end=WHOLE_HISTORY[1], directory=tmp_path, by=manager)
    services.import_dataset(by=other_pwp, service=other_service, team=other_team, directory=tmp_path)
    assert per_referral(other_service, source_ids=True) == before
    assert len(before) == 36


def build_history(service, team, pwp, patient, referral):
    """Six referrals, through the service functions: a finished course; a social-phobia course judged on
    SPIN, with a corrected score; one ended after one treatment with a follow-up after discharge; an
    open one with a DNA and an unplanned contact; one ended unseen; one with a treatment contact recorded
    after discharge."""
    finished_course(pwp, referral)
    social = new_referral(builders.make_patient(service, pwp, nhs_number="9990000077"), team, pwp)
    finished_course(pwp, social, phq=(14, 8), gad=(10, 9), hour=11)
    referrals.record_presenting_complaint(by=pwp, referral=social, code_system="ICD-10", code="F40.1",
                                          label="Social phobias")  # fmt: skip
    first_spin, _ = scores(pwp, social, "spin", (40, at(10, 5, 11, 15)), (25, at(10, 19, 11, 15)))
    measures.correct_response(by=pwp, response=first_spin, answers=answers("spin", 42), reason="Mistyped")

    one_treatment = new_referral(builders.make_patient(service, pwp, nhs_number="9990000182"), team, pwp)
    assess(pwp, one_treatment, at(10, 6, 12))
    treat(pwp, one_treatment, at(10, 13, 12))
    scores(pwp, one_treatment, "phq9", (15, at(10, 6, 12, 5)), (8, at(10, 13, 12, 5)))
    discharge(pwp, one_treatment, day(10, 14), end_code=EndCode.ENDED_BY_PATIENT)
    unplanned(pwp, one_treatment, at(10, 28, 12), app_type=AppType.FOLLOW_UP)

    open_one = new_referral(builders.make_patient(service, pwp, nhs_number="9990000301"), team, pwp,
                            received=day(9, 14))  # fmt: skip
    assess(pwp, open_one, at(9, 21, 13), app_type=AppType.ASSESSMENT_AND_TREATMENT)
    treat(pwp, open_one, at(9, 28, 13), attendance=AttendOrDNACode.DID_NOT_ATTEND)
    unplanned(pwp, open_one, at(10, 2, 16, 30))
    scores(pwp, open_one, "gad7", (9, at(9, 21, 13, 10)))

    unseen = new_referral(builders.make_patient(service, pwp, nhs_number="9990000336"), team, pwp)
    discharge(pwp, unseen, day(10, 30), end_code=EndCode.NOT_ASSESSED)

    late = new_referral(builders.make_patient(service, pwp, nhs_number="9990000441"), team, pwp)
    assess(pwp, late, at(10, 5, 14))
    treat(pwp, late, at(10, 12, 14), at(10, 19, 14))
    (after,) = treat(pwp, late, at(10, 22, 14), attendance=AttendOrDNACode.CANCELLED_BY_SERVICE)
    scores(pwp, late, "phq9", (10, at(10, 5, 14, 5)), (16, at(10, 19, 14, 5)))
    scores(pwp, late, "gad7", (9, at(10, 5, 14, 10)), (9, at(10, 19, 14, 10)))
    discharge(pwp, late, day(10, 20))
    attended_after_discharge(pwp, after)


def per_referral(service, source_ids=False):
    """{ServiceRequestId: per-referral CSV row without it}. source_ids: key an imported service's referrals
    by the ServiceRequestId they were imported from (the exporting service's)."""
    names = {}
    if source_ids:
        names = dict(ImportedRecord.objects.filter(service=service, table=tables.IDS101_REFERRAL)
                     .values_list("object_id", "source_id"))  # fmt: skip
    rows = {}
    for outcome in derive(Referral.objects.filter(patient__service=service), as_of=AS_OF):
        row = outcome.csv_row()
        service_request_id = row.pop("ServiceRequestId")
        rows[names.get(outcome.referral_id, service_request_id)] = row
    return rows


def golden():
    from steptwo.dataset.tests.test_golden import GOLDEN

    return GOLDEN
