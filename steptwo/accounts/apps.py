from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "steptwo.accounts"
    label = "accounts"
