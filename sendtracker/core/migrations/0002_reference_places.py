"""Load the 9 English regions and the 153 councils with SEND duties."""

from django.db import migrations


def load(apps, schema_editor):
    from sendtracker.core import reference

    reference.sync(
        reference.read_rows(reference.COUNCILS_CSV),
        Region=apps.get_model("core", "Region"),
        Council=apps.get_model("core", "Council"),
        previous_codes=reference.read_previous_codes(),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
