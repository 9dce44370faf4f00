"""The FHIR export, validated with fhir.resources' R4B models (the closest it ships to R4 4.0.1)."""

import datetime
import json

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import fhir, services
from steptwo.measures.models import CompletedBy, QuestionnaireResponse

pytestmark = pytest.mark.django_db

PHQ9 = {f"q{n}": 2 for n in range(1, 9)} | {"q9": 0, "difficulty": 1}  # 16
GAD7 = {f"q{n}": 1 for n in range(1, 8)}  # 7


def record(by, referral, instrument_id, answers, completed_by=CompletedBy.CLINICIAN_IN_SESSION):
    return services.record_response(
        by=by, referral=referral, instrument_id=instrument_id, answers=answers, completed_by=completed_by,
        completed_at=datetime.datetime(2026, 10, 5, 9, 30, tzinfo=datetime.UTC),
    )  # fmt: skip


@pytest.fixture
def responses(pwp, referral):
    return [
        record(pwp, referral, "phq9", PHQ9),
        record(None, referral, "gad7", GAD7, completed_by=CompletedBy.PATIENT_REMOTELY),
    ]


def resources(bundle, resource_type):
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == resource_type]


def test_bundle_of_phq9_and_gad7_is_valid_fhir(patient, responses):
    bundle = fhir.build_bundle(patient, responses)

    parsed = Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    assert parsed.type == "collection"
    assert [entry["resource"]["resourceType"] for entry in bundle["entry"]] == [
        "Patient", "QuestionnaireResponse", "Observation", "QuestionnaireResponse", "Observation",
    ]  # fmt: skip
    json.dumps(bundle)  # JSON-ready as it is: no Decimals or dates left


def test_patient_has_the_uk_core_profile_and_nhs_number(patient, responses):
    (resource,) = resources(fhir.build_bundle(patient, responses), "Patient")

    assert resource["meta"]["profile"] == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"]
    assert resource["identifier"] == [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}]
    assert resource["name"] == [{"use": "official", "family": "Example", "given": ["Alex"]}]
    assert resource["birthDate"] == "1985-06-15"


def test_questionnaire_response_names_its_questionnaire_and_answers_each_item(patient, responses):
    bundle = fhir.build_bundle(patient, responses)
    phq9, gad7 = resources(bundle, "QuestionnaireResponse")

    assert phq9["meta"]["profile"] == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-QuestionnaireResponse"]
    assert phq9["questionnaire"] == "https://steptwo.example/fhir/Questionnaire/phq9|1.0"
    assert (phq9["status"], phq9["authored"]) == ("completed", "2026-10-05T10:30:00+01:00")
    assert phq9["subject"] == {"reference": bundle["entry"][0]["fullUrl"]}
    assert phq9["author"] == {"display": "Priya Shah"}
    assert gad7["author"] == {"reference": bundle["entry"][0]["fullUrl"]}  # completed remotely by the patient
    assert [item["linkId"] for item in phq9["item"]] == [*(f"q{n}" for n in range(1, 10)), "difficulty"]
    assert phq9["item"][0] == {
        "linkId": "q1", "text": "Little interest or pleasure in doing things", "answer": [{"valueInteger": 2}],
    }  # fmt: skip


def test_total_is_an_observation_coded_in_loinc_and_snomed_derived_from_its_response(patient, responses):
    bundle = fhir.build_bundle(patient, responses)
    response_url = bundle["entry"][1]["fullUrl"]
    phq9, gad7 = resources(bundle, "Observation")

    assert phq9["meta"]["profile"] == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation"]
    assert phq9["status"] == "final"
    assert phq9["category"][0]["coding"][0]["code"] == "survey"
    assert phq9["code"]["coding"] == [
        {"system": "http://loinc.org", "code": "44261-6"}, {"system": "http://snomed.info/sct", "code": "720433000"},
    ]  # fmt: skip
    assert (phq9["valueInteger"], phq9["effectiveDateTime"]) == (16, "2026-10-05T10:30:00+01:00")
    assert phq9["derivedFrom"] == [{"reference": response_url}]
    assert phq9["interpretation"] == [{"text": "Moderately severe (PHQ-9 severity band)"}]
    assert [coding["code"] for coding in gad7["code"]["coding"]] == ["70274-6", "445455005"]


def test_same_record_exports_the_same_resource_ids(patient, responses):
    first, second = fhir.build_bundle(patient, responses), fhir.build_bundle(patient, responses)

    assert [entry["fullUrl"] for entry in first["entry"]] == [entry["fullUrl"] for entry in second["entry"]]
    assert all(entry["fullUrl"].startswith("urn:uuid:") for entry in first["entry"])


def export(client, patient):
    return client.get(f"/measures/patient/{patient.pk}/fhir.json")


def test_download_is_an_uncached_attachment_of_fhir_json(pwp_client, patient, responses):
    response = export(pwp_client, patient)

    assert response["Content-Type"] == "application/fhir+json"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="steptwo-patient-{patient.pk}-questionnaires.fhir.json"'
    )
    assert response["Cache-Control"] == "no-store"
    Bundle.model_validate(json.loads(response.content))


def test_download_is_audited_as_an_export(pwp_client, pwp, patient, responses):
    bundle = json.loads(export(pwp_client, patient).content)

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor_id, event.patient_id, event.object_type) == (pwp.pk, patient.pk, "patient")
    assert event.detail["bundle"] == bundle["identifier"]["value"]
    assert sorted(event.detail["responses"]) == sorted(response.pk for response in responses)


def test_download_of_a_patient_in_another_service_is_not_found(pwp_client, other_patient):
    assert export(pwp_client, other_patient).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_responses_entered_in_error_are_left_out_and_corrections_included(pwp_client, pwp, patient, responses):
    corrected = services.correct_response(by=pwp, response=responses[0], answers=PHQ9 | {"q1": 3}, reason="q1 was 3")

    bundle = json.loads(export(pwp_client, patient).content)

    identifiers = [resource["identifier"]["value"] for resource in resources(bundle, "QuestionnaireResponse")]
    assert sorted(identifiers) == sorted([str(corrected.pk), str(responses[1].pk)])
    assert sorted(resource["valueInteger"] for resource in resources(bundle, "Observation")) == [7, 17]
    assert QuestionnaireResponse.objects.count() == 3  # the original is kept, only left out of the export
