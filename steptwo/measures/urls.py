"""Staff pages for measures. Each area keeps its own URL module so they can grow independently."""

from steptwo.measures import urls_entry, urls_progress, urls_requests

app_name = "measures"
urlpatterns = urls_entry.urlpatterns + urls_progress.urlpatterns + urls_requests.urlpatterns
