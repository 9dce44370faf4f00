from django.urls import path

from steptwo.measures.views import requests

urlpatterns = [
    path("referrals/<int:referral_pk>/questionnaire-links/", requests.request_list, name="request_list"),
    path("referrals/<int:referral_pk>/questionnaire-links/new/", requests.request_create, name="request_create"),
    path("questionnaire-links/<int:pk>/cancel/", requests.request_cancel, name="request_cancel"),
]
