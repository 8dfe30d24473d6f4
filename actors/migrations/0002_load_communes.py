"""Loads the region's communes (reference data) so that the importer works right after migrate."""

from django.db import migrations


def load_communes(apps, schema_editor):
    from actors.communes import load_communes as load

    load(apps.get_model("actors", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [migrations.RunPython(load_communes, migrations.RunPython.noop)]
