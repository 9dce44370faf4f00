from django.urls import path

from steptwo.appointments.views import booking_views, diary_views, outcome_views

app_name = "appointments"
urlpatterns = [
    path("book/<int:referral_pk>/", booking_views.book, name="book"),
    path("unplanned/<int:referral_pk>/", booking_views.record_unplanned, name="unplanned"),
    path("<int:pk>/outcome/", outcome_views.record_outcome, name="outcome"),
    path("diary/", diary_views.practitioner_diary, name="diary"),
    path("diary/team/<int:team_pk>/", diary_views.team_diary, name="team_diary"),
]
