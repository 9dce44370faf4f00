from django.db import migrations

from steptwo.measures import reference_data


def load(apps, schema_editor):
    reference_data.load(apps.get_model("measures", "Threshold"), apps.get_model("measures", "AdsmMapping"))


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
