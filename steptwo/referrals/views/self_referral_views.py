"""The public self-referral form: no sign-in.

The confirmation page shows only the reference, kept in the session, because anyone who sees the screen
sees it too. Pages are never cached (the form holds what the person typed) and, like the questionnaire
pages, send only the origin as the referrer.
"""

import functools

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.core.errors import NotAllowed
from steptwo.organisations.models import Service
from steptwo.referrals import intake
from steptwo.referrals.forms.intake_forms import SelfReferralForm

SESSION_KEY = "self_referral_reference"


def public_page(view):
    """No sign-in, never cached, only the origin sent on as the referrer (see measures/views/public.py)."""

    @login_not_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapper


@public_page
def choose_service(request):
    services = list(Service.objects.all())
    if len(services) == 1:
        return redirect("self_referral:form", ods_code=services[0].ods_code)
    return render(request, "referrals/intake/self_referral_services.jinja", {"services": services})


@public_page
def self_referral(request, ods_code):
    service = get_object_or_404(Service, ods_code=ods_code.upper())
    form = SelfReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reference = intake.submit_self_referral(
                service=service, client_ip=request.META.get("REMOTE_ADDR"), honeypot=form.cleaned_data["website"],
                **form.details(),
            )  # fmt: skip
        except intake.RateLimited as error:
            return render(
                request, "referrals/intake/self_referral_rate_limited.jinja",
                {"service": service, "message": str(error)}, status=429,
            )  # fmt: skip
        except NotAllowed as error:
            form.add_error(None, ValidationError(str(error)))
        else:
            request.session[SESSION_KEY] = reference
            return redirect("self_referral:sent", ods_code=service.ods_code)
    return render(request, "referrals/intake/self_referral_form.jinja", {"service": service, "form": form})


@public_page
def sent(request, ods_code):
    service = get_object_or_404(Service, ods_code=ods_code.upper())
    reference = request.session.get(SESSION_KEY)
    if not reference:
        return redirect("self_referral:form", ods_code=service.ods_code)
    return render(request, "referrals/intake/self_referral_sent.jinja", {"service": service, "reference": reference})
