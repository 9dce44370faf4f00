from django.urls import path

from steptwo.referrals.views import waiting_list_views

app_name = "waiting_list"
urlpatterns = [
    path("", waiting_list_views.waiting_list_page, name="list"),
]
