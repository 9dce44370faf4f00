"""The public self-referral form: no sign-in."""

from django.urls import path

from steptwo.referrals.views import self_referral_views

app_name = "self_referral"
urlpatterns = [
    path("", self_referral_views.choose_service, name="index"),
    path("<str:ods_code>/", self_referral_views.self_referral, name="form"),
    path("<str:ods_code>/sent/", self_referral_views.sent, name="sent"),
]
