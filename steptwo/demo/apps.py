from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "steptwo.demo"
    label = "demo"
    verbose_name = "Demo data"
