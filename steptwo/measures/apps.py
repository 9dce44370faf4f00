from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "steptwo.measures"
    label = "measures"
