from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "steptwo.outcomes"
    verbose_name = "Outcomes and the national data set"
