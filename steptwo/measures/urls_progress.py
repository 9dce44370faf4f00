"""Progress charts for a referral, and the FHIR export of a patient's questionnaire responses."""

from django.urls import path

from steptwo.measures.views import fhir_export, progress

urlpatterns = [
    path("referral/<int:pk>/progress/", progress.referral_progress, name="referral_progress"),
    path("patient/<int:pk>/fhir.json", fhir_export.patient_fhir, name="patient_fhir"),
]
