"""The plan, step-up, signposting and the signposting directory (services.py, directory.py)."""

import datetime

import pytest

from steptwo.accounts.models import Role
from steptwo.core.errors import NotAllowed
from steptwo.measures import services as measures
from steptwo.measures.models import CompletedBy
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.treatment import directory, services
from steptwo.treatment.codes import CHOSEN_INTERVENTIONS, Intervention, TherapyType
from steptwo.treatment.models import SignpostingOrganisation

pytestmark = pytest.mark.django_db


def refused(message, call, **kwargs):
    with pytest.raises(NotAllowed) as error:
        call(**kwargs)
    assert message in str(error.value)


def phq9(by, referral, answers, when):
    return measures.record_response(
        by=by, referral=referral, instrument_id="phq9", answers={f"q{n}": a for n, a in enumerate(answers, start=1)},
        completed_by=CompletedBy.CLINICIAN_IN_SESSION, completed_at=when,
    )  # fmt: skip


def test_an_intervention_is_recorded_as_its_usual_therapy_type_unless_another_is_chosen(pwp, in_treatment):
    book = services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.BEHAVIOURAL_ACTIVATION)
    computer = services.add_intervention(
        by=pwp, referral=in_treatment, intervention=Intervention.PANIC_MANAGEMENT,
        therapy_type=TherapyType.GUIDED_SELF_HELP_COMPUTER,
    )  # fmt: skip

    # Domain reference §4.5: 748051000000105 guided self-help (book), 748041000000107 (computer).
    assert (book.therapy_type, computer.therapy_type) == ("748051000000105", "748041000000107")


def test_a_plan_records_only_low_intensity_therapy_types(pwp, in_treatment):
    refused(
        "Employment support is not a low-intensity therapy type",
        services.add_intervention, by=pwp, referral=in_treatment, intervention=Intervention.PROBLEM_SOLVING,
        therapy_type=TherapyType.EMPLOYMENT_SUPPORT,
    )  # fmt: skip


def test_imported_is_never_chosen_for_a_plan(pwp, in_treatment):
    refused("Choose the technique", services.add_intervention, by=pwp, referral=in_treatment,
            intervention=Intervention.IMPORTED)  # fmt: skip
    assert Intervention.IMPORTED not in dict(CHOSEN_INTERVENTIONS)
    assert len(CHOSEN_INTERVENTIONS) == len(Intervention.choices) - 1


def test_an_intervention_is_in_the_plan_once_at_a_time(pwp, in_treatment):
    planned = services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.EXPOSURE)

    refused("Graded exposure is already in the treatment plan", services.add_intervention, by=pwp,
            referral=in_treatment, intervention=Intervention.EXPOSURE)  # fmt: skip
    services.end_intervention(by=pwp, planned=planned)
    refused("Graded exposure has already ended", services.end_intervention, by=pwp, planned=planned)
    assert services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.EXPOSURE).pk != planned.pk


def test_a_discharged_referrals_plan_does_not_change(pwp, in_treatment):
    planned = services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.EXPOSURE)
    referrals.change_status(by=pwp, referral=in_treatment, to=ReferralStatus.DISCHARGED)

    refused("This referral has been discharged", services.end_intervention, by=pwp, planned=planned)
    refused("This referral has been discharged", services.add_intervention, by=pwp, referral=in_treatment,
            intervention=Intervention.SLEEP_HYGIENE)  # fmt: skip


def test_step_up_keeps_the_latest_scores_and_moves_the_referral(pwp, in_treatment):
    phq9(pwp, in_treatment, [3] * 9, datetime.datetime(2026, 10, 5, 10, tzinfo=datetime.UTC))  # 27
    phq9(pwp, in_treatment, [2] * 9, datetime.datetime(2026, 11, 5, 10, tzinfo=datetime.UTC))  # 18

    record = services.step_up(by=pwp, referral=in_treatment, reason="No improvement after 6 sessions")

    assert record.scores == {"phq9": "18"}
    assert record.scores_text == "PHQ-9 18"
    in_treatment.refresh_from_db()
    assert in_treatment.status == ReferralStatus.STEPPED_UP
    assert in_treatment.status_changes.last().note == "No improvement after 6 sessions"


def test_step_up_needs_a_reason(pwp, in_treatment):
    refused("Give the reason for stepping up", services.step_up, by=pwp, referral=in_treatment, reason=" ")


def test_a_discharged_referral_cannot_be_stepped_up(pwp, in_treatment):
    referrals.change_status(by=pwp, referral=in_treatment, to=ReferralStatus.DISCHARGED)

    refused("This referral has been discharged: make a new referral to see the patient again",
            services.step_up, by=pwp, referral=in_treatment, reason="Risk")  # fmt: skip


def test_a_referral_is_stepped_up_once(pwp, in_treatment):
    services.step_up(by=pwp, referral=in_treatment, reason="Risk above step 2")

    refused("This referral has already been stepped up", services.step_up, by=pwp, referral=in_treatment, reason="x")


@pytest.fixture
def organisation(service, pwp):
    return directory.add_organisation(by=pwp, service=service, name="Northshire Debt Advice", offers="Debt advice",
                                      area="Northshire")  # fmt: skip


def test_signposting_keeps_the_referral_open(pwp, in_treatment, organisation):
    record = services.signpost(by=pwp, referral=in_treatment, organisation=organisation, note="Will call them")

    in_treatment.refresh_from_db()
    assert (record.organisation, in_treatment.status) == (organisation, ReferralStatus.IN_TREATMENT)


def test_signposting_to_another_services_organisation_is_refused(pwp, in_treatment, other_service, other_pwp):
    elsewhere = directory.add_organisation(by=other_pwp, service=other_service, name="South Debt", offers="Debt")

    refused("That organisation is not in this service's signposting directory",
            services.signpost, by=pwp, referral=in_treatment, organisation=elsewhere)  # fmt: skip


def test_signposting_to_a_retired_organisation_is_refused(pwp, in_treatment, organisation):
    directory.retire_organisation(by=pwp, organisation=organisation)

    refused("Northshire Debt Advice is no longer in the signposting directory",
            services.signpost, by=pwp, referral=in_treatment, organisation=organisation)  # fmt: skip


def test_a_retired_organisation_is_kept_and_can_be_reinstated(pwp, in_treatment, organisation):
    services.signpost(by=pwp, referral=in_treatment, organisation=organisation)
    directory.retire_organisation(by=pwp, organisation=organisation)

    refused("Northshire Debt Advice has already been retired", directory.retire_organisation, by=pwp,
            organisation=organisation)  # fmt: skip
    assert SignpostingOrganisation.objects.get(pk=organisation.pk).signpostings.count() == 1
    directory.reinstate_organisation(by=pwp, organisation=organisation)
    assert organisation.active


def test_the_directory_needs_a_name_and_what_is_offered(pwp, service, organisation):
    refused("Enter the organisation's name", directory.add_organisation, by=pwp, service=service, name="", offers="x")
    refused("Say what the organisation offers", directory.update_organisation, by=pwp, organisation=organisation,
            name="Debt help", offers="")  # fmt: skip


def test_another_services_directory_cannot_be_changed(other_pwp, organisation):
    refused("That organisation is in another service's signposting directory", directory.update_organisation,
            by=other_pwp, organisation=organisation, name="Mine", offers="x")  # fmt: skip
    refused("another service's", directory.retire_organisation, by=other_pwp, organisation=organisation)


def test_the_directory_records_who_changed_an_entry(service, organisation, staff_in_role):
    manager = staff_in_role(Role.SERVICE_MANAGER)
    directory.update_organisation(by=manager, organisation=organisation, name="Debt Advice North", offers="Debt advice")

    organisation.refresh_from_db()
    assert (organisation.name, organisation.updated_by) == ("Debt Advice North", manager)
