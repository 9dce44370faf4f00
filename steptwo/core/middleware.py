import uuid

from steptwo.core import request_context


def _client_ip(request):
    # REMOTE_ADDR is set by the WSGI server; behind a proxy the operator must set it from the
    # trusted X-Forwarded-For (e.g. gunicorn --forwarded-allow-ips), never trust the raw header here.
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    """Give every request an id (echoed in the X-Request-ID header) for the audit log and logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = request_context.set_current(request_context.RequestContext(request.request_id, _client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class NoStoreMiddleware:
    """Pages for signed-in staff carry patient data: browsers and proxies must not cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
