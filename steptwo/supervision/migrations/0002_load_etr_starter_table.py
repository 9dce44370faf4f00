"""Load the shipped starter table of expected-treatment-response curves, built from SYNTHETIC data."""

from django.db import migrations

from steptwo.supervision import reference_data


def load(apps, schema_editor):
    reference_data.load_starter(apps.get_model("supervision", "EtrCurveSet"), apps.get_model("supervision", "EtrPoint"))


def unload(apps, schema_editor):
    apps.get_model("supervision", "EtrCurveSet").objects.filter(service=None, synthetic=True).delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
