"""The request id and client IP of the request being served, for the audit log.

Set by RequestIdMiddleware; read by the audit service so that service-layer functions need not be
passed the request. Outside a request (commands, tests) both are empty.
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


_EMPTY = RequestContext()
_current = ContextVar("steptwo_request_context", default=None)


def current():
    return _current.get() or _EMPTY


def set_current(context):
    return _current.set(context)


def reset(token):
    _current.reset(token)
