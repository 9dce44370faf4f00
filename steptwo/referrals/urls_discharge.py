from django.urls import path

from steptwo.referrals.views import discharge_views

app_name = "discharge"
urlpatterns = [
    path("<int:referral_pk>/", discharge_views.discharge_referral, name="discharge"),
]
