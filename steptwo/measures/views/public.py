"""The patient's page for a remote completion link. No sign-in: the token in the URL is the key.

The page shows no patient identifiers, only the service's name, because anyone who sees the screen
(or the link) sees it too. An unknown token gets exactly the page an expired link gets, so the page
cannot be used to test whether a token exists.
"""

import functools

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import remote
from steptwo.measures.forms.questionnaire_form import QuestionnaireForm
from steptwo.organisations.models import DEFAULT_CRISIS_TEXT


def public_page(view):
    """No sign-in; never cached or indexed; the token (in the URL) never sent on in a Referer.

    The referrer policy is strict-origin, not no-referrer: under no-referrer browsers send "Origin: null"
    with the form's POST, and Django's CSRF check refuses it. strict-origin sends only the origin, never
    the path with the token, to any site (and nothing at all from HTTPS to HTTP).
    """

    @login_not_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapper


@public_page
def complete(request, token):
    completion_request = remote.find(token)
    state = remote.state_of(completion_request) if completion_request else remote.LinkState.EXPIRED
    if state != remote.LinkState.OUTSTANDING:
        return _closed(request, completion_request, state)
    service = completion_request.patient.service
    form = QuestionnaireForm(request.POST or None, completion_request=completion_request)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            remote.complete(completion_request=completion_request, answers=answers)
        except remote.LinkNotOpen:  # completed in another tab, or expired, while this page was open
            completion_request.refresh_from_db()
            return _closed(request, completion_request, remote.state_of(completion_request))
        context = {"service": service, "risk": remote.raises_risk(answers)}
        return render(request, "measures/public/thank_you.jinja", context)
    if request.method == "GET":
        audit.record(by=None, action=AuditAction.VIEW, obj=completion_request,
                     detail={"completion_request": completion_request.pk})  # fmt: skip
    context = {"service": service, "form": form, "works_until": remote.works_until(completion_request)}
    return render(request, "measures/public/questionnaire.jinja", context)


def _closed(request, completion_request, state):
    if state == remote.LinkState.COMPLETED:
        context = {"service": completion_request.patient.service}
        return render(request, "measures/public/already_completed.jinja", context)
    # Expired, cancelled or unknown: one page, one status, nothing from the request.
    return render(request, "measures/public/unavailable.jinja", {"crisis_text": DEFAULT_CRISIS_TEXT}, status=404)
