from django.urls import path

from steptwo.outcomes.views import dashboard, drilldown

app_name = "outcomes"
urlpatterns = [path("mine/", dashboard.my_outcomes, name="mine")]
# The same four addresses for the service, a team and a PWP: outcomes:service, outcomes:team_figures_csv, ...
for kind, prefix in (("service", ""), ("team", "team/<int:pk>/"), ("pwp", "pwp/<int:pk>/")):
    urlpatterns += [
        path(prefix, dashboard.outcomes_page, {"kind": kind}, name=kind),
        path(f"{prefix}figures.csv", dashboard.figures_csv, {"kind": kind}, name=f"{kind}_figures_csv"),
        path(f"{prefix}by-month.csv", dashboard.trends_csv, {"kind": kind}, name=f"{kind}_trends_csv"),
        path(f"{prefix}referrals/", drilldown.drilldown, {"kind": kind}, name=f"{kind}_referrals"),
    ]
