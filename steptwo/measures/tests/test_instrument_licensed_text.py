"""Bring your own licensed text: load_licensed_text, item_texts and manage.py load_licensed_text."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import instruments
from steptwo.measures.licensed_text import LicensedTextError, item_texts, load_licensed_text
from steptwo.measures.models import LicensedText
from steptwo.tests import builders

pytestmark = pytest.mark.django_db

WSAS = instruments.get("wsas")


def loads():
    return AuditEvent.objects.filter(action=AuditAction.UPDATE, detail__has_key="licensed_text")


def test_load_stores_the_texts_and_writes_one_audit_event(manager, service):
    loaded = load_licensed_text(
        by=manager, service=service, instrument_id="wsas", texts={"q2": "Home text", "stem": "Intro", "q1": "Work text"}
    )

    assert loaded == ["stem", "q1", "q2"]
    assert item_texts(service, WSAS) == {
        "stem": "Intro",
        "q1": "Work text",
        "q2": "Home text",
        "q3": "",
        "q4": "",
        "q5": "",
    }
    event = loads().get()
    assert (event.actor_id, event.service_id, event.detail) == (
        manager.pk, service.pk, {"licensed_text": "wsas", "items": ["stem", "q1", "q2"]},
    )  # fmt: skip


def test_loading_again_replaces_the_text_and_keeps_other_items(manager, service):
    load_licensed_text(by=manager, service=service, instrument_id="wsas", texts={"q1": "Old", "q2": "Kept"})

    load_licensed_text(by=manager, service=service, instrument_id="wsas", texts={"q1": "  New  "})

    assert item_texts(service, "wsas")["q1"] == "New"
    assert item_texts(service, "wsas")["q2"] == "Kept"
    assert LicensedText.objects.filter(item_id="q1").count() == 1
    assert loads().count() == 2


@pytest.mark.parametrize(
    ("instrument_id", "texts", "message"),
    [
        ("wsas", {"q1": "Work", "q6": "No such item", "intro": "No"}, "WSAS has no item intro, q6"),
        ("phq9", {"q1": "Anything"}, "PHQ-9 ships its own"),
        ("pcl5", {"stem": "Anything"}, "PCL-5 ships its own"),
        ("nope", {"q1": "Anything"}, "There is no instrument 'nope'"),
        ("spin", {"q1": "Fine", "q2": "  "}, "The text for q2 is blank"),
        ("spin", {}, "No texts to load"),
    ],
)
def test_refused_and_nothing_saved(manager, service, instrument_id, texts, message):
    with pytest.raises(LicensedTextError, match=message):
        load_licensed_text(by=manager, service=service, instrument_id=instrument_id, texts=texts)

    assert not LicensedText.objects.exists()
    assert not loads().exists()


@pytest.mark.parametrize("role", [Role.PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF])
def test_only_managers_and_system_administrators_may_load(staff_in_role, service, role):
    with pytest.raises(PermissionDenied):
        load_licensed_text(by=staff_in_role(role), service=service, instrument_id="wsas", texts={"q1": "Work"})

    assert not LicensedText.objects.exists()


def test_system_administrator_may_load(staff_in_role, service):
    load_licensed_text(by=staff_in_role(Role.SYSTEM_ADMIN), service=service, instrument_id="spin", texts={"q1": "A"})

    assert item_texts(service, "spin")["q1"] == "A"


def test_a_manager_of_another_service_may_not_load(service, other_service):
    other_manager = builders.make_staff(other_service, Role.SERVICE_MANAGER)

    with pytest.raises(PermissionDenied):
        load_licensed_text(by=other_manager, service=service, instrument_id="wsas", texts={"q1": "Work"})


def test_texts_are_the_services_own(manager, service, other_service):
    load_licensed_text(by=manager, service=service, instrument_id="wsas", texts={"q1": "Ours"})

    assert item_texts(other_service, WSAS)["q1"] == ""


def test_shipped_wording_for_public_domain_instruments(service):
    texts = item_texts(service, instruments.get("phq15"))

    assert texts["stem"].startswith("During the past 4 weeks")
    assert texts["q1"] == "Stomach pain"
    assert list(texts) == ["stem", *(f"q{number}" for number in range(1, 16))]


def test_data_only_instrument_with_nothing_loaded_is_all_blank(service):
    assert set(item_texts(service, "mi_alone").values()) == {""}


# manage.py load_licensed_text


def write_csv(tmp_path, content):
    path = tmp_path / "texts.csv"
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_command_loads_a_csv(tmp_path, manager, service, capsys):
    path = write_csv(
        tmp_path, '\ufeffitem_id,text\nstem,"Rate each item, please"\nq1,"The ""work"" item"\nq2,Home management\n'
    )

    call_command(
        "load_licensed_text", service=service.ods_code, instrument="wsas", file=path, username=manager.username
    )

    assert item_texts(service, WSAS) == {
        "stem": "Rate each item, please", "q1": 'The "work" item', "q2": "Home management", "q3": "", "q4": "", "q5": "",
    }  # fmt: skip
    assert "Loaded 3 texts for WSAS" in capsys.readouterr().out
    assert loads().get().actor_id == manager.pk


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,wording\nq1,Work\n", "header item_id,text"),
        ("item_id,text\nq1,Work\nq1,Again\n", "q1 appears more than once"),
        ("item_id,text\n,Work\n", "item_id is blank"),
        ("item_id,text\nq9,Work\n", "WSAS has no item q9"),
    ],
)
def test_command_refuses_a_bad_file(tmp_path, manager, service, content, message):
    path = write_csv(tmp_path, content)

    with pytest.raises(CommandError, match=message):
        call_command(
            "load_licensed_text", service=service.ods_code, instrument="wsas", file=path, username=manager.username
        )

    assert not LicensedText.objects.exists()


def test_command_refuses_a_user_who_may_not_load(tmp_path, pwp, service):
    path = write_csv(tmp_path, "item_id,text\nq1,Work\n")

    with pytest.raises(CommandError, match="not an active service manager or system administrator"):
        call_command(
            "load_licensed_text", service=service.ods_code, instrument="wsas", file=path, username=pwp.username
        )


def test_command_refuses_staff_of_another_service(tmp_path, service, other_service):
    other_manager = builders.make_staff(other_service, Role.SERVICE_MANAGER)
    path = write_csv(tmp_path, "item_id,text\nq1,Work\n")

    with pytest.raises(CommandError, match="No member of staff"):
        call_command(
            "load_licensed_text",
            service=service.ods_code,
            instrument="wsas",
            file=path,
            username=other_manager.username,
        )


def test_command_refuses_an_unknown_service_or_missing_file(tmp_path, manager, service):
    with pytest.raises(CommandError, match="No service with ODS code"):
        call_command("load_licensed_text", service="ZZZ", instrument="wsas", file="x.csv", username=manager.username)
    with pytest.raises(CommandError, match="Cannot read"):
        call_command(
            "load_licensed_text",
            service=service.ods_code,
            instrument="wsas",
            file=str(tmp_path / "missing.csv"),
            username=manager.username,
        )


def test_command_refuses_shipped_wording(tmp_path, manager, service):
    path = write_csv(tmp_path, "item_id,text\nq1,Anything\n")

    with pytest.raises(CommandError, match="PHQ-9 ships its own"):
        call_command(
            "load_licensed_text", service=service.ods_code, instrument="phq9", file=path, username=manager.username
        )


def test_command_help_documents_the_csv_format(capsys):
    with pytest.raises(SystemExit):
        call_command("load_licensed_text", "--help")

    assert "item_id,text" in capsys.readouterr().out
