from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "steptwo.supervision"
    label = "supervision"
