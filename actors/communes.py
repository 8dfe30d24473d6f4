"""The region's communes, from the reference data in fixtures/ (loaded by migration 0002)."""

import csv
from decimal import Decimal
from pathlib import Path

from django.conf import settings

COMMUNES_CSV = Path(settings.BASE_DIR) / "fixtures" / "reference" / "communes_pdl.csv"
FIVE_DECIMALS = Decimal("0.00001")


def load_communes(commune_model) -> int:
    """Creates or updates every commune of the reference file; returns how many were created.

    Takes the model as an argument so that the data migration can pass its historical model.
    """
    created = 0
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            _commune, was_created = commune_model.objects.update_or_create(
                insee_code=row["code_insee"],
                defaults={
                    "name": row["nom"],
                    "department_code": row["code_departement"],
                    "latitude": Decimal(row["latitude"]).quantize(FIVE_DECIMALS),
                    "longitude": Decimal(row["longitude"]).quantize(FIVE_DECIMALS),
                },
            )
            created += was_created
    return created
