"""Bring your own licensed text: a service loads the wording of a data-only instrument (the CamCOPS approach).

Instruments whose wording is copyright (WSAS, SPIN, PDSS, MI, OCI-R, IES-R, SHAI, AAI, the IAPT phobia
scales) ship as data only: item ids, numbers and scored values, no text. A service that holds a licence
loads the wording for its own use; other services never see it. Public-domain instruments (PHQ-9, GAD-7,
PHQ-15, PCL-5) ship their wording, and loading text for them is refused.

Texts are keyed by item id ("q1", "q2", ...) or "stem" for the introduction. Loading replaces any text
already loaded for the same item and writes one audit event naming the items loaded.

CSV format (manage.py load_licensed_text --service ODS --instrument ID --file path.csv --username STAFF):
UTF-8 (a spreadsheet's byte-order mark is accepted), a header row `item_id,text`, then one row per item:

    item_id,text
    stem,"Introduction, as printed on the licensed form"
    q1,"Wording of question 1"
    q2,"Wording of question 2"

item_id is "stem" or one of the instrument's item ids; text must not be blank. Quote a text that contains
commas, quotes or line breaks (standard CSV quoting: a quote inside quotes is doubled). Items not in
the file keep whatever text they had; an item with no text loaded is shown by its number only.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import instruments
from steptwo.measures.models import LicensedText

STEM = "stem"
CSV_COLUMNS = ("item_id", "text")
LOADERS = frozenset({Role.SERVICE_MANAGER, Role.SYSTEM_ADMIN})


class LicensedTextError(ValueError):
    """The texts (or the CSV holding them) cannot be loaded; the message says why."""


def may_load(user, service):
    """Service managers and system administrators of `service` may load its licensed text."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.service_id == service.pk
        and user.role in LOADERS
    )


def load_licensed_text(*, by, service, instrument_id, texts):
    """Upsert the service's licensed wording for a data-only instrument; one audit event for the load.

    texts: {"stem": ..., "q1": ..., ...}. Refuses (LicensedTextError) an unknown instrument, one that ships
    its own wording, unknown item ids and blank texts; refuses (PermissionDenied) anyone who is not a
    service manager or system administrator of the service. Returns the item ids loaded, in form order.
    """
    if not may_load(by, service):
        raise PermissionDenied("Only a service manager or system administrator of the service may load licensed text")
    instrument = instruments.INSTRUMENTS.get(instrument_id)
    if instrument is None:
        raise LicensedTextError(f"There is no instrument {instrument_id!r}")
    if instrument.wording_shipped:
        raise LicensedTextError(f"{instrument.short_name} ships its own (public domain) wording: nothing to load")
    order = [STEM, *(item.id for item in instrument.items)]
    unknown = sorted(set(texts) - set(order))
    if unknown:
        raise LicensedTextError(
            f"{instrument.short_name} has no item {', '.join(unknown)} (expected stem or q1 to q{len(instrument.items)})"
        )
    blank = [item_id for item_id in order if item_id in texts and not (texts[item_id] or "").strip()]
    if blank:
        raise LicensedTextError(f"The text for {', '.join(blank)} is blank")
    if not texts:
        raise LicensedTextError("No texts to load")
    loaded = [item_id for item_id in order if item_id in texts]
    with transaction.atomic():
        for item_id in loaded:
            LicensedText.objects.update_or_create(
                service=service,
                instrument_id=instrument.id,
                item_id=item_id,
                defaults={"text": texts[item_id].strip(), "loaded_by": by, "loaded_at": timezone.now()},
            )
        audit.record(
            by=by, action=AuditAction.UPDATE, service=service, detail={"licensed_text": instrument.id, "items": loaded}
        )
    return loaded


def item_texts(service, instrument):
    """{"stem": ..., item id: text} to show for `instrument` in `service`.

    Shipped wording for public-domain instruments; the service's loaded text for data-only ones; "" for
    anything not loaded.
    """
    if isinstance(instrument, str):
        instrument = instruments.get(instrument)
    if instrument.wording_shipped:
        return {STEM: instrument.stem} | {item.id: item.text for item in instrument.items}
    loaded = dict(
        LicensedText.objects.filter(service=service, instrument_id=instrument.id).values_list("item_id", "text")
    )
    return {STEM: loaded.get(STEM, "")} | {item.id: loaded.get(item.id, "") for item in instrument.items}


def read_csv(file):
    """{item_id: text} from an open text file in the CSV format above; LicensedTextError if malformed."""
    reader = csv.DictReader(file)
    if reader.fieldnames is None or [name.strip() for name in reader.fieldnames] != list(CSV_COLUMNS):
        raise LicensedTextError(f"The first row must be the header {','.join(CSV_COLUMNS)}")
    texts = {}
    for row in reader:
        item_id = (row.get("item_id") or "").strip()
        if not item_id:
            raise LicensedTextError(f"Line {reader.line_num}: the item_id is blank")
        if item_id in texts:
            raise LicensedTextError(f"Line {reader.line_num}: {item_id} appears more than once")
        texts[item_id] = row.get("text") or ""
    return texts
