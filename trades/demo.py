"""Demo: the trade index with 45 trade profiles, the opportunity index with 12 offers.

Trades come from the reference lists (fixtures/reference/metiers_patrimoine_bati.csv for ROME codes
and RNCP diplomas, metiers_art.csv for the official list of craft trades) completed by the French
texts of fixtures/demo/metiers.json. Training paths are only those whose school is known from
fixtures/reference/formations_pdl.csv. Offers (fixtures/demo/offres.json) are fictitious; their
closing dates are relative to the day of the first run, so some are already closed.

Idempotent: pages are found by slug and never rewritten. Links to know-how and labels are added
when the linked page exists (the knowledge demo may come later), so a later run completes them and
a run with nothing new changes nothing.
"""

import datetime
import functools
import json

from django.utils import timezone
from django.utils.html import escape

from core.demo_tools import DEMO_DIR, REFERENCE_DIR, ensure_page, french, read_csv, site_home_page, stream
from knowledge.models import KnowHowPage, LabelPage, ReplayPage
from knowledge.taxonomy import ContractKind, Department, Domain, Material, TrainingLevel

from .models import OpportunityIndexPage, OpportunityPage, TradeIndexPage, TradeProfilePage, TrainingPath

DEMO_NOTICE = "Offre fictive, créée pour la démonstration du site."


def build() -> int:
    home = site_home_page()
    trade_index, created = ensure_page(
        home,
        TradeIndexPage,
        "metiers",
        title="Métiers",
        show_in_menus=True,
        summary="Les métiers du patrimoine en Pays de la Loire : ce qu'ils sont, comment s'y former, "
        "s'ils recrutent.",
    )
    count = int(created)
    opportunity_index, created = ensure_page(
        home,
        OpportunityIndexPage,
        "offres",
        title="Offres jeunes pros",
        show_in_menus=True,
        summary="Apprentissages, stages, emplois, services civiques et chantiers ouverts aux jeunes "
        "dans les métiers du patrimoine.",
    )
    count += created
    trades = {}
    for entry in json.loads((DEMO_DIR / "metiers.json").read_text(encoding="utf-8")):
        trade, created = ensure_page(trade_index, TradeProfilePage, entry["slug"], **trade_fields(entry))
        count += created
        count += link_related(trade, entry)
        trades[entry["slug"]] = trade
    for entry in json.loads((DEMO_DIR / "offres.json").read_text(encoding="utf-8")):
        _page, created = ensure_page(
            opportunity_index, OpportunityPage, entry["slug"], **opportunity_fields(entry, trades)
        )
        count += created
    count += link_chapters_to_trades()
    return count


# Trade profiles -----------------------------------------------------------------------------------


@functools.cache
def reference_rows():
    """The two reference lists, keyed by trade name as they spell it."""
    built = {row["metier"]: row for row in read_csv(REFERENCE_DIR / "metiers_patrimoine_bati.csv")}
    craft = {}
    for row in read_csv(REFERENCE_DIR / "metiers_art.csv"):
        craft[row["specialite"] or row["metier"]] = row
    return built, craft


def official_references(entry, built, craft):
    """ROME code and title, and the official list of craft trades, from the reference data only."""
    fields = {"rome_code": "", "rome_label": "", "on_craft_list": False, "craft_list_domain": None}
    row = built.get(entry["reference"]) if entry["reference"] else None
    if row and row["codes_rome_4"]:
        # Some rows give two codes ("F1101 | F1121"): the first is the closest fit.
        code = row["codes_rome_4"].split("|")[0].strip()
        title = row["intitules_rome_4"].split("|")[0].strip()
        fields["rome_code"] = code
        fields["rome_label"] = title.removeprefix(code).strip()
    domains_by_name = {domain.name: domain for domain in Domain.objects.filter(locale=french())}
    craft_row = craft.get(entry["art"]) if entry["art"] else None
    if craft_row:
        fields["on_craft_list"] = True
        fields["craft_list_domain"] = domains_by_name.get(craft_row["domaine"])
    elif row and row["liste_metiers_art_2015"].startswith("oui"):
        fields["on_craft_list"] = True
        fields["craft_list_domain"] = next(
            (domain for name, domain in domains_by_name.items() if name in row["liste_metiers_art_2015"]),
            None,
        )
    return fields, row


def diplomas_block(row):
    """The diplomas of the reference list, as a list (unverified ones are left out)."""
    if not row or not row["diplomes_rncp"]:
        return []
    diplomas = [d.strip() for d in row["diplomes_rncp"].split("|") if "non vérifié" not in d]
    if not diplomas:
        return []
    items = "".join(f"<li>{escape(diploma)}</li>" for diploma in diplomas)
    return [
        ("heading", {"text": "Diplômes et certifications", "level": "h3"}),
        ("paragraph", f"<ul>{items}</ul>"),
    ]


def bullet_list(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def trade_fields(entry):
    built, craft = reference_rows()
    references, row = official_references(entry, built, craft)
    locale = french()
    levels = {level.level: level for level in TrainingLevel.objects.filter(locale=locale)}
    return {
        "title": entry["title"],
        "name_feminine": entry["feminine"],
        "synonyms": entry["synonyms"],
        "hook": entry["hook"],
        "summary": entry["hook"],
        "what_the_work_is": stream(
            TradeProfilePage, "what_the_work_is", [("paragraph", f"<p>{escape(entry['work'])}</p>")]
        ),
        "daily_tasks": stream(TradeProfilePage, "daily_tasks", [("paragraph", bullet_list(entry["tasks"]))]),
        "skills": stream(
            TradeProfilePage, "skills", [("paragraph", bullet_list(entry["skills"])), *diplomas_block(row)]
        ),
        "working_conditions": stream(
            TradeProfilePage, "working_conditions", [("paragraph", f"<p>{escape(entry['conditions'])}</p>")]
        ),
        "employers": entry["employers"],
        "regional_status": entry["status"],
        "status_reason": entry["reason"],
        "domains": list(Domain.objects.filter(locale=locale, slug__in=entry["domains"])),
        "materials": list(Material.objects.filter(locale=locale, slug__in=entry["materials"])),
        "training_paths": [
            TrainingPath(
                diploma=path["diploma"],
                rncp_code=path["rncp"],
                level=levels[path["level"]],
                duration=path["duration"],
                apprenticeship=path["apprenticeship"],
                school_name=path["school"],
            )
            for path in entry["paths"]
        ],
        **references,
    }


def link_related(trade, entry) -> int:
    """Adds the know-how and label pages of `entry` that exist and are not linked yet."""
    locale = french()
    know_how = KnowHowPage.objects.filter(locale=locale, slug__in=entry["know_how"]).exclude(
        pk__in=trade.related_know_how.values_list("pk", flat=True)
    )
    labels = LabelPage.objects.filter(locale=locale, slug__in=entry["labels"]).exclude(
        pk__in=trade.related_labels.values_list("pk", flat=True)
    )
    know_how, labels = list(know_how), list(labels)
    if not know_how and not labels:
        return 0
    trade = trade.specific
    trade.related_know_how.add(*know_how)
    trade.related_labels.add(*labels)
    trade.save_revision().publish()
    return len(know_how) + len(labels)


# Opportunities ------------------------------------------------------------------------------------


def opportunity_fields(entry, trades):
    locale = french()
    today = timezone.localdate()
    description = stream(
        OpportunityPage,
        "description",
        [
            ("paragraph", f"<p>{escape(entry['description'])}</p>"),
            ("paragraph", f"<p><em>{DEMO_NOTICE}</em></p>"),
        ],
    )
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "kind": entry["kind"],
        "host_name": entry["host"],
        "commune": entry["commune"],
        "department": Department.objects.get(locale=locale, slug=entry["department"]),
        "contract_kind": ContractKind.objects.filter(locale=locale, slug=entry["contract"]).first(),
        "level": TrainingLevel.objects.filter(locale=locale, slug=entry["level"] or "").first(),
        "duration": entry["duration"],
        "start_date": today + datetime.timedelta(days=entry["start_in_days"]),
        "closing_date": today + datetime.timedelta(days=entry["closes_in_days"]),
        "description": description,
        "how_to_apply": "<p>Envoyez un CV et quelques lignes sur ce qui vous attire dans ce métier. "
        "Vous recevrez une réponse sous quinze jours ; les candidats retenus sont invités à "
        "passer une journée sur place.</p>",
        "application_email": "candidatures@example.org",
        "related_trades": [trades[slug] for slug in entry["trades"]],
    }


def link_chapters_to_trades() -> int:
    """Links the chapters that talk about a trade to its profile, once the trade pages exist.

    Only chapters without a link are touched, and a replay gets a new revision only when one of its
    chapters changed: a run with nothing new changes nothing.
    """
    wanted = {
        (entry["slug"], title): link["trade"]
        for entry in json.loads((DEMO_DIR / "replays.json").read_text(encoding="utf-8"))["replays"]
        for _time, title, link in entry["chapters"]
        if link and "trade" in link
    }
    trades = {
        page.slug: page
        for page in TradeProfilePage.objects.filter(locale=french(), slug__in=set(wanted.values()))
    }
    linked = 0
    replay_slugs = {slug for slug, _title in wanted}
    for replay in ReplayPage.objects.filter(locale=french(), slug__in=replay_slugs):
        changed = False
        for chapter in replay.chapters.all():
            trade = trades.get(wanted.get((replay.slug, chapter.title)))
            if trade is not None and chapter.linked_page_id is None:
                chapter.linked_page = trade
                chapter.save()  # saved first, so that the new revision (read from the database) holds it
                changed = True
                linked += 1
        if changed:
            replay.save_revision().publish()
    return linked
