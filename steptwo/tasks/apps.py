from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "steptwo.tasks"
    label = "tasks"
