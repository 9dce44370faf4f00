from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "steptwo.referrals"
    label = "referrals"
