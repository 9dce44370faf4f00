from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "steptwo.appointments"
    label = "appointments"
