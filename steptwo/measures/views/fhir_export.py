"""Download a patient's questionnaire responses as a FHIR R4 Bundle (JSON). Every download is audited."""

import json

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from steptwo.accounts.rules import Permission
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import fhir
from steptwo.measures.models import QuestionnaireResponse
from steptwo.patients.models import Patient


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def patient_fhir(request, pk):
    patient = get_object_or_404(Patient.objects.for_user(request.user), pk=pk)
    responses = list(
        QuestionnaireResponse.objects.for_user(request.user)
        .current()
        .filter(patient=patient)
        .select_related("recorded_by")
        .prefetch_related("item_answers")
    )
    bundle = fhir.build_bundle(patient, responses)
    audit.record(
        by=request.user, action=AuditAction.EXPORT, obj=patient,
        detail={"format": "FHIR R4 Bundle", "bundle": bundle["identifier"]["value"],
                "responses": [response.pk for response in responses]},
    )  # fmt: skip
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    # The file name carries no NHS number or name: downloads folders and browser histories are not private.
    response["Content-Disposition"] = f'attachment; filename="steptwo-patient-{patient.pk}-questionnaires.fhir.json"'
    response["Cache-Control"] = "no-store"
    return response
