from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "steptwo.patients"
    label = "patients"
