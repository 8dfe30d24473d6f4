import csv
import io

import openpyxl
import pytest

from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories


def csv_bytes(header, rows, delimiter=","):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return output.getvalue().encode("utf-8")


def read_csv(content: bytes) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return reader.fieldnames, rows


def read_xlsx(content: bytes) -> tuple[list[str], list[dict]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    values = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    header = values[0]
    return header, [dict(zip(header, row, strict=False)) for row in values[1:]]


def xlsx_bytes(header, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def with_cell(content: bytes, file_format: str, line: int, column: str, value) -> bytes:
    """The exported file with one cell changed (line as a spreadsheet counts: header is 1)."""
    reader = read_xlsx if file_format == "xlsx" else read_csv
    header, rows = reader(content)
    rows[line - 2][column] = value
    table = [[row[name] for name in header] for row in rows]
    return xlsx_bytes(header, table) if file_format == "xlsx" else csv_bytes(header, table)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")


@pytest.fixture
def trades_content(home_page, taxonomy, trade_index):
    know_how = knowledge_factories.know_how(knowledge_factories.know_how_index(home_page))
    label = knowledge_factories.label(knowledge_factories.label_index(home_page), title="Maître d'art")
    first = trade_factories.trade(
        trade_index,
        taxonomy,
        related_know_how=[know_how],
        related_labels=[label],
        audiences=list(taxonomy["Audience"].values())[:1],
        summary='=HYPERLINK("http://evil.example")',
        employers="- Entreprises de restauration\n- Monuments historiques",
        revision=True,
    )
    first.tags.set(["tuffeau", "chantier"])
    first.save_revision().publish()
    second = trade_factories.trade(
        trade_index,
        taxonomy,
        title="Vitrailliste",
        slug="vitrailliste",
        name_feminine="",
        rome_code="",
        on_craft_list=False,
        craft_list_domain=None,
        revision=True,
    )
    return {"first": first, "second": second, "know_how": know_how, "label": label}


@pytest.fixture
def offers_content(home_page, taxonomy, trades_content, opportunity_index):
    from tests.factories import actors as actor_factories

    communes = actor_factories.communes()
    directory = actor_factories.directory(home_page)
    host = actor_factories.actor(
        directory, communes["Saumur"], taxonomy["Department"]["maine-et-loire"], slug="atelier-de-la-pierre"
    )
    first = trade_factories.opportunity(
        opportunity_index,
        taxonomy,
        host_actor=host,
        related_trades=[trades_content["first"]],
        how_to_apply="<p>Envoyer une lettre à <b>Jeanne</b>.</p>",
        revision=True,
    )
    first.tags.set(["tuffeau"])
    first.save_revision().publish()
    second = trade_factories.opportunity(
        opportunity_index,
        taxonomy,
        title="Stage en vitrail",
        slug="stage-en-vitrail",
        kind="internship",
        contract_kind=None,
        level=None,
        start_date=None,
        revision=True,
    )
    return {"first": first, "second": second, "host": host}


@pytest.fixture
def events_content(home_page, taxonomy):
    import datetime
    from zoneinfo import ZoneInfo

    from tests.factories import actors as actor_factories
    from tests.factories.agenda import (
        EventIndexPageFactory,
        EventPageFactory,
        WorkingGroupIndexPageFactory,
        WorkingGroupPageFactory,
    )

    communes = actor_factories.communes()
    directory = actor_factories.directory(home_page)
    organiser = actor_factories.actor(
        directory, communes["Nantes"], taxonomy["Department"]["loire-atlantique"], title="Pôle", slug="pole"
    )
    group = WorkingGroupPageFactory(
        parent=WorkingGroupIndexPageFactory(parent=home_page), slug="transmission"
    )
    index = EventIndexPageFactory(parent=home_page)
    paris = ZoneInfo("Europe/Paris")
    first = EventPageFactory(
        parent=index,
        slug="journee-fontevraud",
        start=datetime.datetime(2027, 3, 14, 9, 30, tzinfo=paris),
        end=datetime.datetime(2027, 3, 14, 17, 0, tzinfo=paris),
        commune=communes["Fontevraud-l'Abbaye"],
        department=taxonomy["Department"]["maine-et-loire"],
        organisers=[organiser],
        working_group=group,
        themes=list(taxonomy["Theme"].values())[:1],
        description=[("paragraph", "<p>Une journée <i>pour</i> se retrouver.</p>")],
        programme=[("session", {"start": datetime.time(9, 30), "title": "+ Accueil", "speakers": ""})],
        notify_emails="a@example.org\nb@example.org",
        revision=True,
    )
    second = EventPageFactory(
        parent=index,
        slug="assemblee",
        kind="general-assembly",
        attendance_mode="online",
        venue="",
        address="",
        capacity=None,
        online_url="https://visio.example.org/ag",
        revision=True,
    )
    return {"index": index, "first": first, "second": second, "organiser": organiser, "communes": communes}
