from django.urls import path

from steptwo.organisations.views import crisis_text_views

app_name = "organisations"
urlpatterns = [
    path("crisis-text/", crisis_text_views.crisis_text_edit, name="crisis_text"),
]
