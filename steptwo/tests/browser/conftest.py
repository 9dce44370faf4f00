"""Browser tests: Debian's Chromium, driven by Playwright, against Django's live server.

One browser for the whole run; each test gets a fresh context (so no cookies leak between tests).
Run only this layer with `pytest -m browser`, or leave it out with `-m "not browser"`.
"""

import importlib
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from playwright.sync_api import expect

from steptwo.measures import reference_data
from steptwo.measures.models import AdsmMapping, Threshold
from steptwo.supervision import reference_data as etr_reference_data
from steptwo.supervision.models import EtrCurveSet, EtrPoint
from steptwo.tests import builders

# Playwright's sync API keeps an asyncio loop running in the test thread, which makes Django refuse
# ORM calls from test code ("You cannot call this from an async context"). Nothing here is async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")

# Assertions wait as long as actions (see the context fixture): the first page of a run is slow on CI.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(pytestconfig):
    if not CHROMIUM.exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    return {
        "executable_path": str(CHROMIUM),
        "headless": not pytestconfig.getoption("--headed"),
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run",
        ],
    }  # fmt: skip


@pytest.fixture(scope="session")
def live_server(live_server):
    """Django's live server, plus a wait at the end of the run for its request threads (daemons that
    close their database connection when the browser's socket closes). Otherwise one may still be
    connected when the test database is dropped, which PostgreSQL refuses."""
    yield live_server
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(live_server):
    """page.goto("/patients/") goes to the live server."""
    return live_server.url


@pytest.fixture
def context(context, base_url):
    """The live server only: other hosts (the NHS font CDN) are blocked, so tests never wait on the network.

    Every stylesheet, script, icon and image the pages ask for must load: a test fails at the end if any
    request to the live server failed or answered with an error (error pages themselves excepted).
    """
    origin = urlsplit(base_url).netloc
    broken = []
    context.set_default_timeout(15_000)  # generous: the first page of a run compiles templates on a busy CI machine
    context.route(re.compile(rf"^(?!{re.escape(base_url)}/)"), lambda route: route.abort())

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            broken.append(f"{response.status} {response.url}")

    def on_request_failed(request):
        # ERR_ABORTED: the page moved on (a click navigated) before the request finished.
        if urlsplit(request.url).netloc == origin and request.failure != "net::ERR_ABORTED":
            broken.append(f"failed {request.url}: {request.failure}")

    context.on("response", on_response)
    context.on("requestfailed", on_request_failed)
    yield context
    assert not broken, "Some page resources did not load:\n" + "\n".join(broken)


_audit_triggers = importlib.import_module("steptwo.core.migrations.0002_audit_append_only_triggers")
_AUDIT_TRIGGERS = {  # vendor: (create, drop)
    "sqlite": (_audit_triggers.SQLITE, _audit_triggers.SQLITE_REVERSE),
    "postgresql": (_audit_triggers.POSTGRESQL, _audit_triggers.POSTGRESQL_REVERSE),
}


def _run_sql(statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def _audit_triggers_restored(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _run_sql(_AUDIT_TRIGGERS[connection.vendor][0])
        # Playwright's event loop gives this thread a connection of its own: close it, or PostgreSQL
        # refuses to drop the test database at the end ("being accessed by other users").
        connection.close()


@pytest.fixture
def transactional_db(_audit_triggers_restored, transactional_db):
    """The live server needs a real, committed database, emptied after each test. The audit table
    refuses deletes (a database trigger), so the triggers are dropped for that flush and put back after it.
    The flush also empties the reference data the migrations loaded, so it is loaded again first."""
    reference_data.load(Threshold, AdsmMapping)
    if not EtrCurveSet.objects.filter(service=None, synthetic=True).exists():
        etr_reference_data.load_starter(EtrCurveSet, EtrPoint)
    yield
    _run_sql(_AUDIT_TRIGGERS[connection.vendor][1])


@pytest.fixture
def sign_in(page):
    """Sign in through the real sign-in form: `sign_in(user)` leaves the page on the user's home page."""

    def sign_in(user):
        page.goto("/account/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(builders.PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {user.first_name}")
        return page

    return sign_in


@pytest.fixture
def signed_in_page(sign_in, pwp):
    """A page signed in as the PWP Priya Shah (see the root conftest)."""
    return sign_in(pwp)
