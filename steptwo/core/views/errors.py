"""Error pages in the NHS.UK style. They say what happened and what to do, and show no patient data."""

from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "errors/403.jinja", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.jinja", status=404)


def server_error(request):
    # A minimal header: the error may come from the database, so the page must not need it.
    context = {"request_id": getattr(request, "request_id", ""), "minimal_header": True}
    return render(request, "errors/500.jinja", context, status=500)
