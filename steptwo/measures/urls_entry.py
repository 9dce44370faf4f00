from django.urls import path

from steptwo.measures.views import session_entry

urlpatterns = [
    path("referral/<int:pk>/record/", session_entry.record_session_measures, name="record_session"),
    path("referral/<int:pk>/saved/", session_entry.session_saved, name="session_saved"),
]
