from django.apps import AppConfig


class TreatmentConfig(AppConfig):
    name = "steptwo.treatment"
    label = "treatment"
