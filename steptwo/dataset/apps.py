from django.apps import AppConfig


class DatasetConfig(AppConfig):
    name = "steptwo.dataset"
    verbose_name = "NHS Talking Therapies data set: export, import and data quality"
