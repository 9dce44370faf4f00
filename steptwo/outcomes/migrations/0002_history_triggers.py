"""Triggers that mark a referral's stored outcome out of date whenever what its derivation reads changes
(ADR 0012). In the database rather than in the services, so that no way of writing (a service, a bulk
load, the admin, an SQL console) can leave a stored outcome that no longer matches the history.

Each insert, update or delete of a referral's appointment, questionnaire response, presenting complaint
or discharge, and each change of its received date, adds 1 to its StoredOutcome.changes, creating the row
if there is none (so that a report storing an outcome it derived before the change cannot make it look
current: storage.py compares the count it read before deriving).
"""

from django.db import migrations

HISTORY_TABLES = (
    "appointments_appointment",
    "measures_questionnaireresponse",
    "referrals_presentingcomplaint",
    "referrals_discharge",
)

SQLITE_BUMP = (
    "INSERT INTO outcomes_storedoutcome (referral_id, changes) {source} "
    "ON CONFLICT (referral_id) DO UPDATE SET changes = changes + 1;"
)


def _sqlite_create(table):
    new = SQLITE_BUMP.format(source="VALUES (NEW.referral_id, 1)")
    # SELECT ... WHERE: SQLite needs a WHERE clause before ON CONFLICT when the values come from a SELECT.
    old = SQLITE_BUMP.format(source="SELECT OLD.referral_id, 1 WHERE OLD.referral_id IS NOT NEW.referral_id")
    deleted = SQLITE_BUMP.format(source="VALUES (OLD.referral_id, 1)")
    return [
        f"CREATE TRIGGER outcomes_{table}_insert AFTER INSERT ON {table} BEGIN {new} END;",
        f"CREATE TRIGGER outcomes_{table}_update AFTER UPDATE ON {table} BEGIN {new} {old} END;",
        f"CREATE TRIGGER outcomes_{table}_delete AFTER DELETE ON {table} BEGIN {deleted} END;",
    ]


SQLITE_REFERRAL = (
    "CREATE TRIGGER outcomes_referrals_referral_received AFTER UPDATE OF received_date ON referrals_referral "
    "WHEN OLD.received_date IS NOT NEW.received_date BEGIN "
    + SQLITE_BUMP.format(source="VALUES (NEW.id, 1)")
    + " END;"
)

POSTGRESQL_FUNCTIONS = [
    """CREATE FUNCTION outcomes_bump(referral bigint) RETURNS void LANGUAGE sql AS $$
        INSERT INTO outcomes_storedoutcome (referral_id, changes) VALUES (referral, 1)
        ON CONFLICT (referral_id) DO UPDATE SET changes = outcomes_storedoutcome.changes + 1
    $$""",
    """CREATE FUNCTION outcomes_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM outcomes_bump(NEW.referral_id);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM outcomes_bump(OLD.referral_id);
        ELSE
            PERFORM outcomes_bump(NEW.referral_id);
            IF OLD.referral_id IS DISTINCT FROM NEW.referral_id THEN
                PERFORM outcomes_bump(OLD.referral_id);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION outcomes_referral_received_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM outcomes_bump(NEW.id);
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER outcomes_referrals_referral_received AFTER UPDATE OF received_date ON referrals_referral
        FOR EACH ROW WHEN (OLD.received_date IS DISTINCT FROM NEW.received_date)
        EXECUTE FUNCTION outcomes_referral_received_changed()""",
]


def _postgresql_create(table):
    return [
        f"CREATE TRIGGER outcomes_{table}_changed AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION outcomes_history_changed();"
    ]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [SQLITE_REFERRAL] + [sql for table in HISTORY_TABLES for sql in _sqlite_create(table)]
    elif vendor == "postgresql":
        statements = POSTGRESQL_FUNCTIONS + [sql for table in HISTORY_TABLES for sql in _postgresql_create(table)]
    else:
        raise NotImplementedError(f"No stored-outcome triggers for {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        names = ["outcomes_referrals_referral_received"] + [
            f"outcomes_{table}_{event}" for table in HISTORY_TABLES for event in ("insert", "update", "delete")
        ]
        for name in names:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS outcomes_referrals_referral_received ON referrals_referral;")
        for table in HISTORY_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS outcomes_{table}_changed ON {table};")
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS outcomes_history_changed(), outcomes_referral_received_changed(), "
            "outcomes_bump(bigint);"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_stored_outcome"),
        ("appointments", "0002_outcome_indexes"),
        ("measures", "0006_response_scores_index"),
        ("referrals", "0004_incoming_service_status"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
