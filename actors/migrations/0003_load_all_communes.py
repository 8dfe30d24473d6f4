"""Loads every current commune of the region (1,228) into databases that hold only the first 52.

The reference file became fixtures/reference/communes_pdl_toutes.csv; load_communes creates the
missing communes and moves the 52 to the new centres (by at most 5.4 km). Actors keep the position
they have. On a fresh database 0002 already loaded the whole file and this changes nothing.
"""

from django.db import migrations


def load_communes(apps, schema_editor):
    from actors.communes import load_communes as load

    load(apps.get_model("actors", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("actors", "0002_load_communes")]

    operations = [migrations.RunPython(load_communes, migrations.RunPython.noop)]
