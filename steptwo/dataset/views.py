"""The data-quality report of a reporting month and the download of its data-set files (issue 7, item 5).

Both are for service managers (Permission.EXPORT_DATASET): the files carry NHS numbers, and the report lists
the referrals behind each check. Patient data are read only through for_user, so a manager sees only their
own service. Opening the report, or a check's page, writes one audit event (the month, the counts and the
ids of the referrals and patients listed, no names or NHS numbers); a download writes the export's audit
event (export.write_dataset).
"""

import tempfile
import zipfile
from pathlib import Path

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.dataset import score_codes, tables
from steptwo.dataset.export import write_dataset
from steptwo.dataset.forms import MonthForm
from steptwo.dataset.quality import CHECKS, quality_report
from steptwo.referrals.models import Referral

SHOWN_PER_CHECK = 20  # on the report; the rest on the check's own page
PAGE_SIZE = 50
ZIP_IN_MEMORY = 32 * 1024 * 1024  # bytes; a larger archive spills to a temporary file


@permission_required(Permission.EXPORT_DATASET, raise_exception=True)
def quality(request):
    form = MonthForm(request.GET, today=timezone.localdate())
    context = {"form": form}
    if form.is_valid() or not form.is_bound:
        start, end, label = form.period()
        report = quality_report(Referral.objects.for_user(request.user), start, end)
        shown = {check.key: check.referral_ids[:SHOWN_PER_CHECK] for check in report.checks}
        referrals = _referrals(request.user, [pk for ids in shown.values() for pk in ids])
        listed = {key: [referrals[pk] for pk in ids if pk in referrals] for key, ids in shown.items()}
        _record_view(request, report, label, [referral for rows in listed.values() for referral in rows])
        context |= {
            "report": report, "label": label, "month": f"{start:%Y-%m}", "shown_per_check": SHOWN_PER_CHECK,
            "listed": listed, "placeholder_codes": score_codes.unverified(),
        }  # fmt: skip
    return render(request, "dataset/quality.jinja", context)


@permission_required(Permission.EXPORT_DATASET, raise_exception=True)
def quality_check(request, key):
    """Every referral one check found, a page at a time."""
    if key not in {check_key for check_key, _title, _text in CHECKS}:
        raise Http404("No such check")
    form = MonthForm(request.GET, today=timezone.localdate())
    if form.is_bound and not form.is_valid():
        raise Http404("No such month")
    start, end, label = form.period()
    report = quality_report(Referral.objects.for_user(request.user), start, end)
    check = report.check(key)
    page = Paginator(check.referral_ids, PAGE_SIZE).get_page(request.GET.get("page"))
    referrals = _referrals(request.user, list(page.object_list))
    rows = [referrals[pk] for pk in page.object_list if pk in referrals]
    _record_view(request, report, label, rows, check=key)
    context = {"check": check, "label": label, "month": f"{start:%Y-%m}", "page": page, "rows": rows}
    return render(request, "dataset/quality_check.jinja", context)


@permission_required(Permission.EXPORT_DATASET, raise_exception=True)
def download(request):
    """The form to choose a month (?month= chooses it beforehand); it asks download_zip for the files."""
    form = MonthForm(request.GET, today=timezone.localdate())
    if form.is_bound and not form.is_valid():
        form = MonthForm(today=timezone.localdate())
    return _download_form(request, form)


@permission_required(Permission.EXPORT_DATASET, raise_exception=True)
def download_zip(request):
    """The chosen month's files as one zip archive; the form again, with the reason, if it cannot be made."""
    form = MonthForm(request.GET, today=timezone.localdate())
    if not form.is_bound:
        return redirect("dataset:download")
    if form.is_valid():
        start, end, _label = form.period()
        try:
            archive = _zip(request.user, start, end)
        except NotAllowed as error:
            form.add_error("month", str(error))
        else:
            name = f"{request.user.service.ods_code}-talking-therapies-data-set-{start:%Y-%m}.zip"
            return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")
    return _download_form(request, form)


def _download_form(request, form):
    files = [tables.file_name(table) for table in tables.TABLES]
    return render(request, "dataset/download.jinja", {"form": form, "files": files})


def _zip(user, start, end):
    archive = tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY)  # noqa: SIM115 - FileResponse closes it
    with tempfile.TemporaryDirectory(prefix="steptwo-dataset-") as directory:
        write_dataset(service=user.service, start=start, end=end, directory=directory, by=user)
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for table in tables.TABLES:
                bundle.write(Path(directory) / tables.file_name(table), arcname=tables.file_name(table))
    archive.seek(0)
    return archive


def _referrals(user, pks):
    """{pk: referral with its patient} of those the user may see, in one query."""
    found = Referral.objects.for_user(user).filter(pk__in=pks).select_related("patient", "discharge")
    return {referral.pk: referral for referral in found}


def _record_view(request, report, label, shown, check=None):
    """One audit event for the page: the month, the counts, and the ids (never names or NHS numbers) of the
    referrals listed and their patients, as the outcomes drill-down records what it showed."""
    detail = {
        "page": "data-quality report", "month": label, "start": report.start.isoformat(),
        "end": report.end.isoformat(), "counts": {item.key: item.count for item in report.checks},
        "referrals": sorted({referral.pk for referral in shown}),
        "patients": sorted({referral.patient_id for referral in shown}),
    }  # fmt: skip
    if check:
        detail["check"] = check
    audit.record(by=request.user, action=AuditAction.VIEW, service=request.user.service, detail=detail)
