"""Pages for patients completing questionnaires from a link: no sign-in."""

from django.urls import path

from steptwo.measures.views import public

app_name = "questionnaires"
urlpatterns = [
    path("<str:token>/", public.complete, name="complete"),
]
