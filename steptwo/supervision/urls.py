from django.urls import path

from steptwo.supervision.views import capacity, caseload, review_list, settings, staff

app_name = "supervision"
urlpatterns = [
    path("capacity/", capacity.capacity_page, name="capacity"),
    path("settings/", settings.settings_page, name="settings"),
    path("staff/<int:pk>/", staff.staff_capacity, name="staff"),
    path("review/", review_list.review_list, name="review_list"),
    path("caseload/", caseload.my_caseload, name="caseload"),
    path("caseload/<int:user_pk>/", caseload.caseload_of, name="caseload_of"),
]
