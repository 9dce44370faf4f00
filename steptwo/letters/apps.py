from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "steptwo.letters"
    label = "letters"
