from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "steptwo.organisations"
    label = "organisations"
