"""The region's communes: every current commune of Pays de la Loire, from the reference data.

fixtures/reference/communes_pdl_toutes.csv (built by build_communes.py beside it; sources in
SOURCES.md) is loaded by the data migrations 0002 and 0003, so the importer knows every commune
right after migrate.
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.conf import settings

COMMUNES_CSV = Path(settings.BASE_DIR) / "fixtures" / "reference" / "communes_pdl_toutes.csv"
FIVE_DECIMALS = Decimal("0.00001")
FIELDS = ["name", "department_code", "latitude", "longitude"]


def reference_communes() -> dict[str, dict]:
    """The reference file's communes by INSEE code: their field values, as the model stores them."""
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["code_insee"]: {
                "name": row["nom"],
                "department_code": row["code_departement"],
                "latitude": Decimal(row["latitude"]).quantize(FIVE_DECIMALS),
                "longitude": Decimal(row["longitude"]).quantize(FIVE_DECIMALS),
            }
            for row in csv.DictReader(handle)
        }


def load_communes(commune_model) -> int:
    """Creates the communes of the reference file that are missing and updates those that differ
    from it (communes added by editors are left alone); returns how many were created.

    One query reads the stored communes, then one bulk insert and one bulk update at most: running
    it again changes nothing. Takes the model as an argument so that the data migrations can pass
    their historical model.
    """
    stored = {commune.insee_code: commune for commune in commune_model.objects.all()}
    to_create, to_update = [], []
    for code, values in reference_communes().items():
        commune = stored.get(code)
        if commune is None:
            to_create.append(commune_model(insee_code=code, **values))
        elif any(getattr(commune, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(commune, field, value)
            to_update.append(commune)
    commune_model.objects.bulk_create(to_create, batch_size=500)
    commune_model.objects.bulk_update(to_update, FIELDS, batch_size=500)
    return len(to_create)
