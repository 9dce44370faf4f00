import pytest
from django.core.management import CommandError, call_command

from steptwo.dataset import tables
from steptwo.outcomes.tests.histories import finished_course

pytestmark = pytest.mark.django_db


def export(*args):
    return call_command("export_dataset", *args)


def test_a_month_writes_the_files_and_prints_the_counts(tmp_path, capsys, manager, pwp, referral):
    finished_course(pwp, referral)
    export("--month", "2026-10", "--out", str(tmp_path), "--service", manager.service.ods_code, "--by",
           manager.username)  # fmt: skip
    out, err = capsys.readouterr()
    assert "IDS201CareContact.csv: 3 rows" in out
    assert "IDS101Referral.csv: 1 rows" in out
    assert "Unverified (placeholder) score codes: " in err and "spin" in err
    assert (tmp_path / "IDS607CodedScoreAssessmentAct.csv").exists()


def test_from_and_to(tmp_path, capsys, manager, pwp, referral):
    finished_course(pwp, referral)  # contacts on 5, 12 and 19 October
    export("--from", "2026-10-06", "--to", "2026-10-12", "--out", str(tmp_path), "--service",
           manager.service.ods_code, "--by", manager.username)  # fmt: skip
    assert "IDS201CareContact.csv: 1 rows" in capsys.readouterr()[0]
    lines = (tmp_path / tables.file_name(tables.IDS201_CARE_CONTACT)).read_text().splitlines()
    assert len(lines) == 2 and ",2026-10-12,10:00:00," in lines[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "not a month"),
        (["--from", "2026-10-01"], "--from needs --to"),
        (["--from", "2026-10-31", "--to", "2026-10-01"], "--to is before --from"),
        (["--month", "2026-10", "--to", "2026-10-01"], "not both"),
    ],
)
def test_bad_periods_are_refused(tmp_path, manager, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args, "--out", str(tmp_path), "--service", manager.service.ods_code, "--by", manager.username)


def test_unknown_service_or_user_and_a_user_who_may_not_export(tmp_path, manager, pwp):
    common = ["--month", "2026-10", "--out", str(tmp_path)]
    with pytest.raises(CommandError, match="No service with ODS code 'XXX'"):
        export(*common, "--service", "XXX", "--by", manager.username)
    with pytest.raises(CommandError, match="No user 'nobody'"):
        export(*common, "--service", manager.service.ods_code, "--by", "nobody")
    with pytest.raises(CommandError, match="Only a service manager"):
        export(*common, "--service", manager.service.ods_code, "--by", pwp.username)
    assert not any(tmp_path.iterdir())
