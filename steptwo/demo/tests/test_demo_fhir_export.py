"""Acceptance: the FHIR bundle for a demo patient validates with fhir.resources."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from steptwo.measures import fhir
from steptwo.measures.models import QuestionnaireResponse, ResponseStatus
from steptwo.patients.models import Patient

pytestmark = pytest.mark.django_db


def test_fhir_bundle_of_a_demo_patient_with_many_questionnaires_validates():
    call_command(
        "seed_demo", "--size", "small", "--seed", "3", "--anchor", "2026-06-01", "--letters", "0", stdout=StringIO()
    )
    patient = Patient.objects.annotate(n=Count("responses")).order_by("-n").first()
    responses = QuestionnaireResponse.objects.filter(patient=patient).prefetch_related("item_answers")

    bundle = fhir.build_bundle(patient, responses)

    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    current = responses.filter(status=ResponseStatus.COMPLETED).count()
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds.count("QuestionnaireResponse") == kinds.count("Observation") == current > 5
    json.dumps(bundle)
