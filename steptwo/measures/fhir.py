"""A patient's questionnaire responses as a FHIR R4 (4.0.1) Bundle, shaped to the UK Core profiles.

The Bundle (type "collection") holds the Patient, then per response a QuestionnaireResponse and an
Observation for its total that points back to it with `derivedFrom`. Entries refer to each other by
`urn:uuid:` fullUrls, made from the database ids with uuid5 so the same record exports the same ids.

Decisions:
- Only current responses are exported (completed, not superseded). A response entered in error is left
  out, and a corrected one appears only as its correction: the export is a snapshot of the record as it
  stands, not its history (the audit log and the record keep that).
- Questionnaires are named by canonical URLs under QUESTIONNAIRE_BASE with the instrument version
  ("https://steptwo.example/fhir/Questionnaire/phq9|1.0"). steptwo.example is a placeholder (a reserved
  domain) until Step Two publishes its Questionnaire resources at a real address.
- Answers are `valueInteger`: the item score as recorded. LOINC answer codes (LA...) are known only for
  the PHQ-9/GAD-7 frequency options, one of them unsourced (domain reference §8.5), so none are sent.
- A total is `valueInteger` for summed instruments and a `valueQuantity` ({score}) for mean-scored ones.
- The author is the patient when they completed it remotely, else the member of staff who recorded it
  (by display name: Step Two does not export Practitioner resources). The source is always the patient.

The tests validate the output with the `fhir.resources.R4B` models (R4B is the release closest to R4
4.0.1 that fhir.resources 8 ships; its default package is R5). That checks FHIR's base rules, not
the UK Core profiles themselves.
"""

import uuid

from django.utils import timezone

from steptwo.measures.models import CompletedBy, ResponseStatus

QUESTIONNAIRE_BASE = "https://steptwo.example/fhir/Questionnaire"
IDENTIFIER_BASE = "https://steptwo.example/Id"
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
LOINC, SNOMED, UCUM = "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org"
PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-{}"
SURVEY = {
    "coding": [
        {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"}
    ]
}


def build_bundle(patient, responses, now=None):
    """A Bundle dict (JSON-ready) of the patient and their current responses (others are skipped)."""
    patient_url = full_url("Patient", patient.pk)
    entries = [{"fullUrl": patient_url, "resource": patient_resource(patient)}]
    for response in responses:
        if response.status != ResponseStatus.COMPLETED or response.total is None:
            continue
        response_url = full_url("QuestionnaireResponse", response.pk)
        entries.append({"fullUrl": response_url, "resource": questionnaire_response(response, patient_url)})
        entries.append(
            {
                "fullUrl": full_url("Observation", response.pk),
                "resource": observation(response, patient_url, response_url),
            }
        )
    return {
        "resourceType": "Bundle",
        "identifier": {"system": f"{IDENTIFIER_BASE}/export", "value": str(uuid.uuid4())},
        "type": "collection",
        "timestamp": _datetime(now or timezone.now()),
        "entry": entries,
    }


def full_url(resource_type, pk):
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{IDENTIFIER_BASE}/{resource_type}/{pk}')}"


def patient_resource(patient):
    resource = {
        "resourceType": "Patient",
        "meta": {"profile": [PROFILE.format("Patient")]},
        "identifier": [{"system": NHS_NUMBER_SYSTEM, "value": patient.nhs_number}] if patient.nhs_number else [],
        "name": [{"use": "official", "family": patient.family_name, "given": [patient.given_name]}],
        "birthDate": patient.date_of_birth.isoformat(),
    }
    if patient.preferred_name:
        resource["name"].append({"use": "usual", "given": [patient.preferred_name]})
    return _without_empty(resource)


def questionnaire_response(response, patient_url):
    instrument = response.instrument
    answers = response.answers()
    items = [
        _without_empty({"linkId": item.id, "text": item.text if instrument.wording_shipped else "",
                        "answer": [{"valueInteger": answers[item.id]}]})
        for item in instrument.items
        if item.id in answers
    ]  # fmt: skip
    return _without_empty(
        {
            "resourceType": "QuestionnaireResponse",
            "meta": {"profile": [PROFILE.format("QuestionnaireResponse")]},
            "identifier": {"system": f"{IDENTIFIER_BASE}/questionnaire-response", "value": str(response.pk)},
            "questionnaire": f"{QUESTIONNAIRE_BASE}/{instrument.id}|{response.instrument_version}",
            "status": "completed",
            "subject": {"reference": patient_url},
            "authored": _datetime(response.completed_at),
            "author": _author(response, patient_url),
            "source": {"reference": patient_url},
            "item": items,
        }
    )


def observation(response, patient_url, response_url):
    instrument = response.instrument
    codes = instrument.codes
    coding = [{"system": LOINC, "code": codes.loinc_total}] if codes.loinc_total else []
    coding += [{"system": SNOMED, "code": codes.snomed_total}] if codes.snomed_total else []
    resource = {
        "resourceType": "Observation",
        "meta": {"profile": [PROFILE.format("Observation")]},
        "status": "final",
        "category": [SURVEY],
        "code": _without_empty({"coding": coding, "text": f"{instrument.short_name} total score"}),
        "subject": {"reference": patient_url},
        "effectiveDateTime": _datetime(response.completed_at),
        "derivedFrom": [{"reference": response_url}],
        "interpretation": [{"text": f"{response.band} ({instrument.short_name} severity band)"}]
        if response.band
        else [],
    }
    if instrument.scoring == "mean":
        resource["valueQuantity"] = {"value": float(response.total), "unit": "score", "system": UCUM, "code": "{score}"}
    else:
        resource["valueInteger"] = int(response.total)
    return _without_empty(resource)


def _author(response, patient_url):
    if response.completed_by == CompletedBy.PATIENT_REMOTELY:
        return {"reference": patient_url}
    if response.recorded_by is not None:
        return {"display": response.recorded_by.get_full_name() or response.recorded_by.get_username()}
    return None


def _datetime(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


def _without_empty(resource):
    """FHIR forbids empty elements: drop keys whose value is None, "" or []."""
    return {key: value for key, value in resource.items() if value not in (None, "", [], {})}
