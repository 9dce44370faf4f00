from django.urls import path

from steptwo.treatment.views import notes, plan, sign_offs, signposting, step_up

app_name = "treatment"
urlpatterns = [
    path("plan/<int:referral_pk>/", plan.plan, name="plan"),
    path("plan/intervention/<int:pk>/end/", plan.end_intervention, name="end_intervention"),
    path("note/<int:appointment_pk>/", notes.note, name="note"),
    path("note/<int:appointment_pk>/sign-off/", sign_offs.sign_off, name="sign_off"),
    path("note/<int:appointment_pk>/return/", sign_offs.return_note, name="return_note"),
    path("sign-offs/", sign_offs.sign_off_list, name="sign_offs"),
    path("step-up/<int:referral_pk>/", step_up.step_up, name="step_up"),
    path("high-intensity-waiting-list/", step_up.hi_waiting_list, name="hi_waiting_list"),
    path("signposting/", signposting.directory_list, name="signposting"),
    path("signposting/add/", signposting.organisation_add, name="signposting_add"),
    path("signposting/<int:pk>/edit/", signposting.organisation_edit, name="signposting_edit"),
    path("signposting/<int:pk>/retire/", signposting.organisation_retire, name="signposting_retire"),
    path("signposting/<int:pk>/reinstate/", signposting.organisation_reinstate, name="signposting_reinstate"),
    path("signpost/<int:referral_pk>/", signposting.signpost, name="signpost"),
]
