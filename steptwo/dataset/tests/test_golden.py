"""Golden test (issue 7 acceptance): 36 hand-written referral histories in the import format
(golden/*.csv), imported into an empty service and derived; every column of the per-referral CSV
(`manage.py outcomes --per-referral`) is compared with the values worked out by hand below.

The rules (domain reference §1.1, §1.3, §3; defaults of outcomes/rules.py):
* treatment contact = AppType 02/03/05, attended (5/6) or unplanned (N), between received and discharge;
  care contact = any AppType but 06, attended or unplanned, in that window (§1.1);
* completed = discharged with >= 2 treatment contacts; outcome flags only then, with paired scores on
  PHQ-9 and the anxiety measure (§1.3 "for each referral ending ... with TreatmentCareContact_Count >= 2");
* caseness on the FIRST scores: PHQ-9 >= 10, GAD-7 >= 8, SPIN >= 19, PDSS >= 8, MI alone >= 2.3,
  OCI-R >= 14 (§2.1; the ADSM values are unverified reference data, measures/reference_data);
* reliable change (§1.3, §10 Q2 "at_least"): PHQ-9 6, GAD-7 4, SPIN 10, PDSS 5, MI 0.73, OCI-R 12;
* improvement = a reliable fall on either measure and no reliable rise on either; deterioration = a
  reliable rise on either (§10 Q3 "either_measure"); no change = neither;
* recovery = at caseness at the start and below caseness on BOTH last scores; reliable recovery =
  recovery and reliable improvement (§1.1);
* ADSM: the primary problem descriptor's measure when it has paired scores, else GAD-7 (§1.2);
* waits: TherapySession_FirstDate - ReferralRequestReceivedDate, <= 42 days (6 weeks) and <= 126 days
  (18 weeks) are the standards (§3).

Every referral is received on Monday 5 January 2026 and derived as at 30 September 2026. "Standard
course": assessment (01) on 12 Jan, treatment (02) on 19 and 26 Jan, all attended, discharged 2 Feb;
first scores at the assessment, last scores on 26 Jan. Its contact columns: first treatment 2026-01-19,
second and last 2026-01-26, 3 care contacts, 2 treatment contacts, completed; Assessment_FirstDate
2026-01-12, 14 days to first treatment (5 → 19 Jan), 7 days first to second.
"""

import datetime
from pathlib import Path

import pytest
from django.db.models import F

from steptwo.dataset import services, tables
from steptwo.dataset.models import ImportedRecord
from steptwo.outcomes.aggregates import derive_period
from steptwo.outcomes.derivation import CSV_COLUMNS, EXTRA_COLUMNS, derive
from steptwo.outcomes.models import StoredOutcome
from steptwo.outcomes.periods import open_in_period
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
AS_OF = datetime.date(2026, 9, 30)
FLAG_COLUMNS = (
    "NotCaseness_Flag", "Recovery_Flag", "ReliableImprovement_Flag", "ReliableDeterioration_Flag", "NoChange_Flag",
    "ReliableRecovery_Flag",
)  # fmt: skip
CONTACT_COLUMNS = (
    "TherapySession_FirstDate", "TherapySession_SecondDate", "TherapySession_LastDate", "CareContact_Count",
    "TreatmentCareContact_Count", "CompletedTreatment_Flag",
)  # fmt: skip
STANDARD = ("2026-01-19", "2026-01-26", "2026-01-26", "3", "2", "True")
STANDARD_WAITS = ("2026-01-12", "14", "7")  # Assessment_FirstDate, days to first, first to second
NOT_CASENESS, RECOVERY, IMPROVEMENT, DETERIORATION, NO_CHANGE, RELIABLE_RECOVERY = FLAG_COLUMNS


def expect(contacts=STANDARD, *, phq=("", ""), gad=("", ""), adsm="gad7", anxiety=None, flags=(), waits=STANDARD_WAITS):
    """The expected per-referral row. anxiety: the ADSM's first and last (default: GAD-7's, as when GAD-7
    is the anxiety measure); flags: the flags that are True (the others are False)."""
    anxiety = gad if anxiety is None else anxiety
    row = dict(zip(CONTACT_COLUMNS, contacts, strict=True))
    row |= {"PHQ9_FirstScore": phq[0], "PHQ9_LastScore": phq[1], "ADSM": adsm, "ADSM_FirstScore": anxiety[0],
            "ADSM_LastScore": anxiety[1], "GAD_FirstScore": gad[0], "GAD_LastScore": gad[1]}  # fmt: skip
    row |= {column: str(column in flags) for column in FLAG_COLUMNS}
    row |= dict(zip(EXTRA_COLUMNS, waits, strict=True))
    return row


# fmt: off
EXPECTED = {
    # --- Caseness exactly at and below the cut-off (§1.1 caseness on first scores; PHQ-9 >= 10, GAD-7 >= 8)
    # G01: PHQ-9 10 → 4, GAD-7 7 → 3. Caseness: 10 >= 10 (at the cut-off). PHQ-9 fall 10-4 = 6 >= 6 and
    # GAD-7 fall 7-3 = 4 >= 4: improvement, no rise. Recovery: 4 < 10 and 3 < 8. Reliable recovery.
    "G01": expect(phq=("10", "4"), gad=("7", "3"), flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G02: PHQ-9 9 → 3, GAD-7 7 → 3. 9 < 10 and 7 < 8: not at caseness (NotCaseness). Falls 6 and 4:
    # improvement; recovery needs caseness at the start, so no recovery and no reliable recovery.
    "G02": expect(phq=("9", "3"), gad=("7", "3"), flags=(NOT_CASENESS, IMPROVEMENT)),
    # G03: PHQ-9 9 → 5, GAD-7 8 → 4. Caseness on GAD-7 alone: 8 >= 8. PHQ-9 fall 4 < 6; GAD-7 fall 4 >= 4:
    # improvement. Recovery: 5 < 10 and 4 < 8. Reliable recovery.
    "G03": expect(phq=("9", "5"), gad=("8", "4"), flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G04: PHQ-9 9 → 9, GAD-7 7 → 7: below both cut-offs (NotCaseness), no change on either.
    "G04": expect(phq=("9", "9"), gad=("7", "7"), flags=(NOT_CASENESS, NO_CHANGE)),
    # --- Reliable change exactly at the index and one less (§1.3; §10 Q2 "at least")
    # G05: PHQ-9 16 → 10: fall 6 = index: improvement. GAD-7 12 → 9: fall 3 < 4. Recovery: PHQ-9 last 10 is
    # not < 10, so no recovery, no reliable recovery.
    "G05": expect(phq=("16", "10"), gad=("12", "9"), flags=(IMPROVEMENT,)),
    # G06: PHQ-9 16 → 11: fall 5 (index less one); GAD-7 12 → 9: fall 3. No reliable change. 11 >= 10.
    "G06": expect(phq=("16", "11"), gad=("12", "9"), flags=(NO_CHANGE,)),
    # G07: GAD-7 14 → 10: fall 4 = index: improvement; PHQ-9 12 → 8: fall 4 < 6. Recovery: 8 < 10 but
    # GAD-7 last 10 >= 8: no.
    "G07": expect(phq=("12", "8"), gad=("14", "10"), flags=(IMPROVEMENT,)),
    # G08: GAD-7 14 → 11: fall 3 (index less one); PHQ-9 fall 4: no reliable change; 11 >= 8, no recovery.
    "G08": expect(phq=("12", "8"), gad=("14", "11"), flags=(NO_CHANGE,)),
    # G09: PHQ-9 10 → 16: rise 6 = index: deterioration; GAD-7 9 → 9.
    "G09": expect(phq=("10", "16"), gad=("9", "9"), flags=(DETERIORATION,)),
    # G10: PHQ-9 10 → 15: rise 5; GAD-7 9 → 12: rise 3: each one less than the index: no reliable change.
    "G10": expect(phq=("10", "15"), gad=("9", "12"), flags=(NO_CHANGE,)),
    # G11: GAD-7 8 → 12: rise 4 = index: deterioration (PHQ-9 12 → 12).
    "G11": expect(phq=("12", "12"), gad=("8", "12"), flags=(DETERIORATION,)),
    # G12: PHQ-9 18 → 10 falls 8 (>= 6) while GAD-7 8 → 12 rises 4 (>= 4): a rise on either measure is a
    # deterioration and rules out improvement (§1.1, §10 Q3 "either_measure"). PHQ-9 last 10: no recovery.
    "G12": expect(phq=("18", "10"), gad=("8", "12"), flags=(DETERIORATION,)),
    # --- ADSM with and without paired scores (§1.2)
    # G13: F40.1 social phobia → SPIN, paired 40 → 25: the anxiety measure. Caseness: PHQ-9 14 >= 10 (and
    # SPIN 40 >= 19). PHQ-9 fall 14-8 = 6 >= 6, SPIN fall 15 >= 10: improvement. Recovery: PHQ-9 8 < 10 but
    # SPIN 25 >= 19: no. GAD-7 10 → 9 is reported but not used.
    "G13": expect(phq=("14", "8"), gad=("10", "9"), adsm="spin", anxiety=("40", "25"), flags=(IMPROVEMENT,)),
    # G14: F40.1 but SPIN scored once (30): not paired, so GAD-7 is the measure. PHQ-9 15 → 6 (fall 9),
    # GAD-7 12 → 5 (fall 7): improvement; 6 < 10 and 5 < 8: recovery; reliable recovery.
    "G14": expect(phq=("15", "6"), gad=("12", "5"), flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G15: F41.0 panic → PDSS 8 → 3. Caseness on PDSS alone: 8 >= 8 (PHQ-9 9 < 10). PDSS fall 5 = index:
    # improvement (PHQ-9 fall 4 < 6). Recovery: 5 < 10 and 3 < 8. Reliable recovery.
    "G15": expect(phq=("9", "5"), gad=("6", "6"), adsm="pdss", anxiety=("8", "3"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G16: F41.0, PDSS 7 → 3: 7 < 8 and PHQ-9 9 < 10: NotCaseness. PDSS fall 4 < 5, PHQ-9 fall 5 < 6: no
    # reliable change. (GAD-7 6 → 5 not used.)
    "G16": expect(phq=("9", "4"), gad=("6", "5"), adsm="pdss", anxiety=("7", "3"), flags=(NOT_CASENESS, NO_CHANGE)),
    # G17: F40.1, SPIN 19 → 9: caseness exactly at 19; fall 10 = index: improvement. PHQ-9 8 → 8. Recovery:
    # 8 < 10 and 9 < 19. Reliable recovery.
    "G17": expect(phq=("8", "8"), gad=("7", "6"), adsm="spin", anxiety=("19", "9"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G18: primary F32 (no ADSM) recorded before a secondary F40.1: primary ahead of secondary (§1.2), so
    # GAD-7 although SPIN is paired. PHQ-9 20 → 8 (fall 12), GAD-7 5 → 4. Caseness on PHQ-9; 8 < 10 and
    # 4 < 8: recovery; improvement; reliable recovery.
    "G18": expect(phq=("20", "8"), gad=("5", "4"), flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # --- 0, 1 and 2 treatment contacts (§1.1 ended before treatment / after one / finished)
    # G19: assessment only (seen, not treated), ended 19 Jan (end code 12). 1 care contact, 0 treatment; one
    # score each (IDS606, referral level): no LastScore, no outcome flags; caseness on PHQ-9 15 so not
    # NotCaseness.
    "G19": expect(("", "", "", "1", "0", "False"), phq=("15", ""), gad=("10", ""), waits=("2026-01-12", "", "")),
    # G20: assessment not attended (DNA, code 3), ended 26 Jan not seen (50): no care contact, no scores.
    "G20": expect(("", "", "", "0", "0", "False"), waits=("", "", "")),
    # G21: assessment and one treatment (19 Jan), ended 26 Jan (47): 1 treatment contact, not completed, so
    # no outcome flags although PHQ-9 15 → 8 and GAD-7 12 → 6 are paired.
    "G21": expect(("2026-01-19", "", "2026-01-19", "2", "1", "False"), phq=("15", "8"), gad=("12", "6"),
                  waits=("2026-01-12", "14", "")),
    # G22: assessment-and-treatment (03) on 12 Jan and review-and-treatment (05, attended late: 6) on 19 Jan:
    # both treatment contacts, the first also the first assessment: completed with exactly 2. PHQ-9 13 → 7
    # (fall 6), GAD-7 9 → 5 (fall 4): improvement; 7 < 10, 5 < 8: recovery; reliable recovery. Waits: 12 - 5
    # = 7 days, then 7.
    "G22": expect(("2026-01-12", "2026-01-19", "2026-01-19", "2", "2", "True"), phq=("13", "7"), gad=("9", "5"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY), waits=("2026-01-12", "7", "7")),
    # --- Follow-ups and contacts after discharge (§1.1: excluded)
    # G23: standard course, discharged 2 Feb; then a treatment contact on 16 Feb and a follow-up (06) on
    # 2 Mar with PHQ-9 20 and GAD-7 15: all after discharge, left out. PHQ-9 16 → 8 (fall 8), GAD-7 10 → 6
    # (fall 4): improvement; 8 < 10, 6 < 8: recovery; reliable recovery.
    "G23": expect(phq=("16", "8"), gad=("10", "6"), flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # --- DNAs and cancellations (§3.1: only 5 and 6 are attended)
    # G24: treatment contacts 19 Jan DNA (3), 26 Jan cancelled by patient (2), 2 Feb attended, 9 Feb attended,
    # 16 Feb attended late (6), 23 Feb late not seen (7), 25 Feb cancelled by the service (4). Treatment:
    # 2, 9 and 16 Feb = 3; care contacts: those and the assessment = 4. Wait 5 Jan → 2 Feb = 28 days; first to
    # second 7. PHQ-9 12 → 12, GAD-7 9 → 9 (last on 16 Feb): no change; last 12 >= 10: no recovery.
    "G24": expect(("2026-02-02", "2026-02-09", "2026-02-16", "4", "3", "True"), phq=("12", "12"), gad=("9", "9"),
                  flags=(NO_CHANGE,), waits=("2026-01-12", "28", "7")),
    # --- Unplanned contacts (§1.1: unplanned counts whatever its attendance code)
    # G25: unplanned treatment contact (N, no attendance code) on 15 Jan and a planned one on 22 Jan:
    # 2 treatment contacts, 3 care contacts; wait 10 days, then 7. PHQ-9 11 → 4 (fall 7), GAD-7 8 → 2
    # (fall 6): improvement; 4 < 10, 2 < 8: recovery; reliable recovery.
    "G25": expect(("2026-01-15", "2026-01-22", "2026-01-22", "3", "2", "True"), phq=("11", "4"), gad=("8", "2"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY), waits=("2026-01-12", "10", "7")),
    # --- Waits of 42/43 and 126/127 days (§3: <= 42 days is within 6 weeks, <= 126 within 18 weeks)
    # G26: first treatment 16 Feb: 5 Jan → 31 Jan is 26 days, + 16 = 42. Open referral: not completed, no
    # flags; one score each (PHQ-9 14: at caseness).
    "G26": expect(("2026-02-16", "2026-02-23", "2026-02-23", "3", "2", "False"), phq=("14", ""), gad=("9", ""),
                  waits=("2026-01-12", "42", "7")),
    # G27: first treatment 17 Feb: 43 days. Open. PHQ-9 8 < 10 and GAD-7 6 < 8 at the start: NotCaseness
    # (judged on first scores even before the referral ends).
    "G27": expect(("2026-02-17", "2026-02-24", "2026-02-24", "3", "2", "False"), phq=("8", ""), gad=("6", ""),
                  flags=(NOT_CASENESS,), waits=("2026-01-12", "43", "7")),
    # G28: first treatment 11 May: Jan 26 + Feb 28 + Mar 31 + Apr 30 + 11 = 126 days. Last scores on 18 May
    # (British Summer Time, +01:00). PHQ-9 10 → 4 (fall 6), GAD-7 8 → 2 (fall 6): caseness at both cut-offs;
    # improvement; recovery; reliable recovery.
    "G28": expect(("2026-05-11", "2026-05-18", "2026-05-18", "3", "2", "True"), phq=("10", "4"), gad=("8", "2"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY), waits=("2026-01-12", "126", "7")),
    # G29: first treatment 12 May: 127 days. PHQ-9 15 → 15; GAD-7 12 → 16: rise 4: deterioration.
    "G29": expect(("2026-05-12", "2026-05-19", "2026-05-19", "3", "2", "True"), phq=("15", "15"), gad=("12", "16"),
                  flags=(DETERIORATION,), waits=("2026-01-12", "127", "7")),
    # --- Scores outside the window, other contact types, missing measures
    # G30: a PHQ-9 of 25 on 2 Jan, before the referral was received (5 Jan): left out, the first is 12.
    # An attended employment-support contact (10) on 20 Jan: a care contact (4), not treatment (2). PHQ-9
    # 12 → 5 (fall 7), GAD-7 9 → 3 (fall 6): improvement; 5 < 10, 3 < 8: recovery; reliable recovery.
    "G30": expect(("2026-01-19", "2026-01-26", "2026-01-26", "4", "2", "True"), phq=("12", "5"), gad=("9", "3"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G31: PHQ-9 15 → 5 (IDS606, the last with a "Z" offset) and no anxiety measure at all: no paired anxiety
    # scores, so no outcome flags; NotCaseness needs both first scores, so False.
    "G31": expect(phq=("15", "5")),
    # G32: PHQ-9 scored once (15), GAD-7 12 → 4: PHQ-9 not paired: no outcome flags; 15 >= 10: at caseness.
    "G32": expect(phq=("15", ""), gad=("12", "4")),
    # G33: F40.0 agoraphobia → Mobility Inventory (alone), a mean score: 2.30 → 1.5. Caseness: 2.3 >= 2.3
    # (PHQ-9 9 < 10). Fall 0.8 >= 0.73: improvement. Recovery: 6 < 10 and 1.5 < 2.3. Reliable recovery.
    "G33": expect(phq=("9", "6"), gad=("6", "5"), adsm="mi_alone", anxiety=("2.3", "1.5"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY)),
    # G34: a third treatment contact on 22 Jan (second now 22 Jan: 3 days after the first; 4 care, 3
    # treatment) with PHQ-9 25 and GAD-7 14 between the first and last: only first and last count. PHQ-9 20
    # → 9 (fall 11), GAD-7 15 → 7 (fall 8): improvement; 9 < 10, 7 < 8: recovery; reliable recovery.
    "G34": expect(("2026-01-19", "2026-01-22", "2026-01-26", "4", "3", "True"), phq=("20", "9"), gad=("15", "7"),
                  flags=(RECOVERY, IMPROVEMENT, RELIABLE_RECOVERY), waits=("2026-01-12", "14", "3")),
    # G35: patient P01's second referral. F421 (F42.1 written without its dot) → its parent F42 → OCI-R
    # 30 → 15: fall 15 >= 12: improvement (PHQ-9 10 → 9 falls 1). Recovery: PHQ-9 9 < 10 but OCI-R 15 >= 14.
    "G35": expect(phq=("10", "9"), gad=("9", "8"), adsm="ocir", anxiety=("30", "15"), flags=(IMPROVEMENT,)),
    # G36: F41.0, PDSS 10 → 15: rise 5 = index: deterioration (PHQ-9 12 → 10 falls 2). PHQ-9 10 >= 10: no
    # recovery.
    "G36": expect(phq=("12", "10"), gad=("9", "9"), adsm="pdss", anxiety=("10", "15"), flags=(DETERIORATION,)),
}
# fmt: on


def test_golden_histories(service, team, pwp):
    services.import_dataset(by=pwp, service=service, team=team, directory=GOLDEN)
    rows = per_referral(service)
    assert sorted(rows) == sorted(EXPECTED)
    differences = {
        (source_id, column): (rows[source_id][column], expected)
        for source_id, row in EXPECTED.items()
        for column, expected in row.items()
        if rows[source_id][column] != expected
    }
    assert differences == {}


def test_every_column_is_compared():
    assert all(tuple(row) == (*CSV_COLUMNS[1:], *EXTRA_COLUMNS) for row in EXPECTED.values())
    assert len(EXPECTED) >= 30


def per_referral(service):
    """{source ServiceRequestId: per-referral CSV row without its ServiceRequestId}, derived as at AS_OF."""
    source_ids = dict(
        ImportedRecord.objects.filter(service=service, table=tables.IDS101_REFERRAL).values_list(
            "object_id", "source_id"
        )
    )
    outcomes = derive(Referral.objects.filter(patient__service=service), as_of=AS_OF)
    return {source_ids[outcome.referral_id]: _without_id(outcome.csv_row()) for outcome in outcomes}


def _without_id(row):
    return {column: value for column, value in row.items() if column != "ServiceRequestId"}


def test_the_golden_outcomes_read_back_from_storage_are_what_deriving_again_gives(service, team, pwp):
    services.import_dataset(by=pwp, service=service, team=team, directory=GOLDEN)
    start = datetime.date(2026, 1, 1)
    active = open_in_period(Referral.objects.all(), start, AS_OF)
    ended = active.filter(discharge__discharge_date__lte=AS_OF)
    live = derive(active, as_of=AS_OF, scores_for=ended)
    assert derive_period(start, AS_OF) == live  # derived, then stored
    assert StoredOutcome.objects.filter(derived_changes=F("changes")).count() == active.count() > ended.count() >= 30
    assert derive_period(start, AS_OF) == live  # read back from storage
