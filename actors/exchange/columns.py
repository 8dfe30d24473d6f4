"""The columns of the actors' CSV file: the one table that ties each column to its model field.

The importer fills each field from its column, and reports each field error of
``ActorPage.full_clean()`` under its column; the export writes the same columns in this order,
so that export then import is a lossless round trip.
"""

from dataclasses import dataclass

from ..models import ActorPage


@dataclass(frozen=True)
class Column:
    name: str  # the header, as editors write it (French)
    field: str  # the ActorPage field it fills
    required: bool = False
    relation: bool = False  # a list of slugs of a many-to-many field


COLUMN_TABLE = [
    Column("siret", "siret"),
    Column("nom", "title", required=True),
    Column("type", "kind", required=True),
    Column("membre", "is_member"),
    Column("adresse", "address"),
    Column("code_postal", "postcode"),
    Column("commune", "commune", required=True),
    # The commune again, by its code: errors on the commune field are reported under « commune ».
    Column("code_insee", "commune"),
    Column("departement", "department", required=True),
    Column("latitude", "latitude"),
    Column("longitude", "longitude"),
    Column("position_approximative", "approximate_location"),
    Column("site_web", "website"),
    Column("contact_publiable", "contact_may_be_published"),
    Column("email_contact", "contact_email"),
    Column("telephone_contact", "contact_phone"),
    Column("resume", "summary"),
    Column("description", "description"),
    Column("domaines", "domains", relation=True),
    Column("metiers_enseignes", "trades_taught", relation=True),
    Column("metiers_pratiques", "trades_practised", relation=True),
    Column("labels", "labels", relation=True),
    Column("savoir_faire", "know_how", relation=True),
]

COLUMNS = [column.name for column in COLUMN_TABLE]
REQUIRED_COLUMNS = [column.name for column in COLUMN_TABLE if column.required]
# Many-to-many columns: (column, model field).
RELATION_COLUMNS = [(column.name, column.field) for column in COLUMN_TABLE if column.relation]
# The column that reports a field's errors (the first one that fills it).
COLUMN_OF_FIELD: dict[str, str] = {}
for _column in COLUMN_TABLE:
    COLUMN_OF_FIELD.setdefault(_column.field, _column.name)
# What a row sets on the page, as attribute names (foreign keys by id), in the table's order.
SCALAR_FIELDS = list(
    dict.fromkeys(
        f"{column.field}_id" if column.field in ("commune", "department") else column.field
        for column in COLUMN_TABLE
        if not column.relation
    )
)
LIST_SEPARATOR = "|"

# The value of the "type" column for each kind (French, as editors write it).
KIND_CODES = {
    ActorPage.Kind.ASSOCIATION: "association",
    ActorPage.Kind.LOCAL_AUTHORITY: "collectivite",
    ActorPage.Kind.STATE_SERVICE: "service-etat",
    ActorPage.Kind.PRIVATE_OWNER: "proprietaire-prive",
    ActorPage.Kind.SCHOOL: "formation",
    ActorPage.Kind.COMPANY: "entreprise",
    ActorPage.Kind.MUSEUM_OR_SITE: "musee-site",
    ActorPage.Kind.PROFESSIONAL_BODY: "organisme-professionnel",
}
KIND_BY_CODE = {code: kind for kind, code in KIND_CODES.items()} | {
    kind.value: kind for kind in ActorPage.Kind
}
TRUE_WORDS = {"oui", "o", "vrai", "x", "1", "yes", "y", "true"}
FALSE_WORDS = {"non", "n", "faux", "0", "no", "false", ""}


def yes_no(value: bool) -> str:
    return "oui" if value else "non"
