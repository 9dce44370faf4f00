"""First and latest totals of a referral's measures, for step-up records, discharge summaries and letters."""

from steptwo.core.formatting import format_score
from steptwo.measures.adsm import adsm_for_referral
from steptwo.measures.models import QuestionnaireResponse


def first_and_last(referral, instrument_ids=None):
    """{instrument_id: {"first": "17", "last": "6", "first_date": "2026-01-05", "last_date": ..., "count": n}}

    Only current responses count (not corrected or entered in error). Totals are formatted strings so
    the result can be stored as JSON exactly as shown. Defaults to PHQ-9, GAD-7 and the referral's ADSM.
    """
    if instrument_ids is None:
        adsm, _mapping = adsm_for_referral(referral)
        instrument_ids = ["phq9", "gad7"] + ([adsm.id] if adsm and adsm.id not in ("phq9", "gad7") else [])
    responses = (
        QuestionnaireResponse.objects.current()
        .filter(referral=referral, instrument_id__in=instrument_ids)
        .order_by("completed_at", "id")
        .only("instrument_id", "total", "completed_at")
    )
    scores = {}
    for response in responses:
        entry = scores.setdefault(
            response.instrument_id,
            {"first": format_score(response.total), "first_date": response.completed_at.date().isoformat(), "count": 0},
        )
        entry["last"] = format_score(response.total)
        entry["last_date"] = response.completed_at.date().isoformat()
        entry["count"] += 1
    return {instrument_id: scores[instrument_id] for instrument_id in instrument_ids if instrument_id in scores}
