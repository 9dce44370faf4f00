"""Error pages in the NHS.UK style. They say what happened and what to do, and show no patient data."""

from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "errors/403.jinja", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.jinja", status=404)


def server_error(request):
    return render(request, "errors/500.jinja", {"request_id": getattr(request, "request_id", "")}, status=500)
