from django.urls import path

from steptwo.supervision.views import capacity, caseload, review_list, settings, staff
from steptwo.supervision.views import sessions as session_views
from steptwo.supervision.views import supervisee as supervisee_views

app_name = "supervision"
urlpatterns = [
    path("capacity/", capacity.capacity_page, name="capacity"),
    path("settings/", settings.settings_page, name="settings"),
    path("staff/<int:pk>/", staff.staff_capacity, name="staff"),
    path("review/", review_list.review_list, name="review_list"),
    path("caseload/", caseload.my_caseload, name="caseload"),
    path("caseload/<int:user_pk>/", caseload.caseload_of, name="caseload_of"),
    path("sessions/new/", session_views.record_session, name="record_session"),
    path("sessions/<int:pk>/", session_views.session_detail, name="session"),
    path("supervisees/<int:pk>/", supervisee_views.supervisee_hours, name="supervisee"),
]
