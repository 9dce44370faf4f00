from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from steptwo.accounts import services
from steptwo.accounts.forms.sign_in import SignInForm


@login_not_required
def sign_in(request):
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        services.record_sign_in(user=form.user)
        return redirect(_safe_next(request) or "core:home")
    return render(request, "accounts/sign_in.jinja", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def sign_out(request):
    services.record_sign_out(user=request.user)
    logout(request)
    return redirect("accounts:sign_in")


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None
