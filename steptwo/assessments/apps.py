from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "steptwo.assessments"
    label = "assessments"
