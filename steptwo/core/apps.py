from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "steptwo.core"
    label = "core"
