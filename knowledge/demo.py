"""Demo: the shared taxonomy from the reference data, then know-how, labels and replays.

Know-how pages (fixtures/demo/savoir_faire.json) cite the sources of fixtures/reference (pci.csv for
intangible heritage, the RNCP and craft-trade references for techniques); their inventory record
addresses are left empty, as none was checked. Labels
(fixtures/demo/labels.json) keep the facts, years, durations and remarks of
fixtures/reference/labels.csv; the Île-de-France-only scheme is left out. Replays
(fixtures/demo/replays.json) are fictitious sessions of the network's ConneXionS meeting days, and
say so on their pages.

Idempotent: pages, speakers and meeting days are found by slug or name and never rewritten.
Chapters that point to a trade profile are linked by the trades demo (`trades.demo`), once the
trade pages exist.
"""

import datetime
import json
from html import escape

from django.utils.text import slugify

from core.demo_tools import (
    DEMO_DIR,
    REFERENCE_DIR,
    ensure_page,
    ensure_term,
    french,
    read_csv,
    site_home_page,
    stream,
)

from .models import (
    KnowHowIndexPage,
    KnowHowPage,
    LabelIndexPage,
    LabelPage,
    MeetingDay,
    ReplayChapter,
    ReplayIndexPage,
    ReplayPage,
    ReplaySpeaker,
    Speaker,
)
from .taxonomy import Audience, ContractKind, Department, Domain, Material, Theme, TrainingLevel

BUILT_HERITAGE = ("patrimoine-bati", "Patrimoine bâti")

MATERIALS = [
    "Pierre",
    "Tuffeau",
    "Bois",
    "Métal",
    "Verre",
    "Terre cuite",
    "Chaux",
    "Ardoise",
    "Plâtre",
    "Chaume et végétaux",
    "Textile",
    "Papier",
    "Cuir",
    "Feuille d'or",
    "Céramique",
]
AUDIENCES = [
    ("jeunes", "Jeunes de 15 à 25 ans"),
    ("reconversion", "Adultes en reconversion"),
    ("professionnels", "Professionnels du patrimoine"),
    ("proprietaires", "Propriétaires privés"),
    ("collectivites", "Collectivités"),
    ("enseignants", "Enseignants et formateurs"),
    ("grand-public", "Grand public"),
]
THEMES = [
    ("transmission", "Transmission des savoir-faire"),
    ("formation", "Formation et emploi"),
    ("restauration", "Restauration et conservation"),
    ("territoires", "Patrimoine et territoires"),
    ("transition-ecologique", "Transition écologique"),
    ("cooperation", "Coopération entre acteurs"),
]
TRAINING_LEVELS = [
    (3, "Niveau 3 (CAP)"),
    (4, "Niveau 4 (bac, BP, bac pro)"),
    (5, "Niveau 5 (bac+2, BTS, DMA)"),
    (6, "Niveau 6 (bac+3, licence, DNMADE)"),
    (7, "Niveau 7 (bac+5, master)"),
]
CONTRACT_KINDS = [
    "Contrat d'apprentissage",
    "Contrat de professionnalisation",
    "Convention de stage",
    "CDI",
    "CDD",
    "Contrat d'engagement de service civique",
    "Bénévolat",
]


def build_taxonomy() -> int:
    before = sum(
        model.objects.count()
        for model in (Domain, Material, Department, Audience, Theme, TrainingLevel, ContractKind)
    )
    for row in read_csv(REFERENCE_DIR / "domaines_metiers_art.csv"):
        ensure_term(
            Domain, row["slug"], name=row["domaine"], official=True, description=row["intitule_officiel"]
        )
    ensure_term(
        Domain,
        BUILT_HERITAGE[0],
        name=BUILT_HERITAGE[1],
        official=False,
        description="Métiers de la restauration et de l'entretien des édifices anciens.",
    )
    for row in read_csv(REFERENCE_DIR / "departements_pdl.csv"):
        ensure_term(Department, slugify(row["nom"]), name=row["nom"], code=row["code_departement"])
    for name in MATERIALS:
        ensure_term(Material, slugify(name), name=name)
    for slug, name in AUDIENCES:
        ensure_term(Audience, slug, name=name)
    for slug, name in THEMES:
        ensure_term(Theme, slug, name=name)
    for level, name in TRAINING_LEVELS:
        ensure_term(TrainingLevel, f"niveau-{level}", name=name, level=level)
    for name in CONTRACT_KINDS:
        ensure_term(ContractKind, slugify(name), name=name)
    after = sum(
        model.objects.count()
        for model in (Domain, Material, Department, Audience, Theme, TrainingLevel, ContractKind)
    )
    return after - before


def build() -> int:
    created = build_taxonomy()
    home = site_home_page()
    know_how_index, was_created = ensure_page(
        home,
        KnowHowIndexPage,
        "savoir-faire",
        title="Savoir-faire",
        show_in_menus=True,
        summary="Les techniques du patrimoine : ce qu'elles sont, leurs outils, leurs étapes, leurs sources.",
    )
    created += was_created
    label_index, was_created = ensure_page(
        home,
        LabelIndexPage,
        "labels",
        title="Labels et protections",
        show_in_menus=True,
        summary="Labels, chartes, marques et protections : qui les attribue, ce qu'ils exigent, "
        "ce qu'ils recommandent.",
    )
    created += was_created
    replay_index, was_created = ensure_page(
        home,
        ReplayIndexPage,
        "replays",
        title="Replays",
        show_in_menus=True,
        summary="Les vidéos des journées ConneXionS du réseau, découpées en chapitres et transcrites.",
    )
    created += was_created

    for entry in load("savoir_faire.json"):
        created += ensure_page(know_how_index, KnowHowPage, entry["slug"], **know_how_fields(entry))[1]
    for entry in load("labels.json"):
        created += ensure_page(label_index, LabelPage, entry["slug"], **label_fields(entry))[1]
    replays = load("replays.json")
    days = {day["key"]: ensure_meeting_day(day) for day in replays["meeting_days"]}
    speakers = {key: ensure_speaker(fields) for key, fields in replays["speakers"].items()}
    for entry in replays["replays"]:
        created += ensure_page(
            replay_index, ReplayPage, entry["slug"], **replay_fields(entry, days, speakers, know_how_index)
        )[1]
    return created


def load(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def paragraphs(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def terms(model, slugs):
    return list(model.objects.filter(locale=french(), slug__in=slugs))


# Know-how ---------------------------------------------------------------------------------------


def know_how_fields(entry):
    sources = [("source", {"author": "", "year": None, "url": "", **source}) for source in entry["sources"]]
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "technique": stream(KnowHowPage, "technique", [("paragraph", paragraphs(entry["technique"]))]),
        "tools": stream(KnowHowPage, "tools", [("item", tool) for tool in entry["tools"]]),
        "steps": stream(
            KnowHowPage,
            "steps",
            [("step", {"title": title, "text": paragraphs([text])}) for title, text in entry["steps"]],
        ),
        "where_practised": entry["where"],
        "intangible_heritage": entry["ich"],
        "intangible_heritage_url": entry["ich_url"],
        "sources": stream(KnowHowPage, "sources", sources),
        "materials": terms(Material, entry["materials"]),
        "domains": terms(Domain, entry["domains"]),
        "departments": terms(Department, entry["departments"]),
        "audiences": terms(Audience, entry["audiences"]),
    }


# Labels -----------------------------------------------------------------------------------------


def label_fields(entry):
    award = entry["award"] + ([f"Remarque : {entry['note']}"] if entry["note"] else [])
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "kind": entry["kind"],
        "awarding_body": entry["body"],
        "awarding_body_url": entry["body_url"],
        "year_created": entry["year"],
        "legal_status": entry["legal_status"],
        "legal_reference": entry["legal_reference"],
        "who_may_apply": paragraphs(entry["who"]),
        "what_it_attests": entry["attests"],
        "requirements": stream(LabelPage, "requirements", [("item", text) for text in entry["requirements"]]),
        "recommendations": stream(
            LabelPage, "recommendations", [("item", text) for text in entry["recommendations"]]
        ),
        "award_procedure": paragraphs(award),
        "probation": paragraphs(entry["probation"]),
        "withdrawal": paragraphs(entry["withdrawal"]),
        "validity": entry["validity"],
        "aid_and_tax_relief": paragraphs(entry["aid"]),
        "official_url": entry["official_url"],
        "domains": terms(Domain, entry["domains"]),
        "audiences": terms(Audience, entry["audiences"]),
    }


# Replays ----------------------------------------------------------------------------------------


def ensure_meeting_day(day):
    meeting_day, _created = MeetingDay.objects.get_or_create(
        title=day["title"],
        locale=french(),
        defaults={
            "date": datetime.date.fromisoformat(day["date"]),
            "place": day["place"],
            "theme": Theme.objects.filter(locale=french(), slug=day["theme"]).first(),
        },
    )
    return meeting_day


def ensure_speaker(fields):
    speaker, _created = Speaker.objects.get_or_create(
        name=fields["name"],
        locale=french(),
        defaults={"role": fields["role"], "organisation": fields["organisation"]},
    )
    return speaker


def duration(clock: str) -> datetime.timedelta:
    parts = [int(part) for part in clock.split(":")]
    hours, minutes, seconds = [0] * (3 - len(parts)) + parts
    return datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def replay_fields(entry, days, speakers, know_how_index):
    know_how = {page.slug: page for page in KnowHowPage.objects.child_of(know_how_index)}
    chapters = []
    for time_code, title, link in entry["chapters"]:
        linked = know_how.get(link["know_how"]) if link and "know_how" in link else None
        chapters.append(ReplayChapter(time_code=time_code, title=title, linked_page=linked))
    transcript = "".join(
        f"<p><b>{escape(name)}</b> :{escape(text)}</p>"
        for name, text in (paragraph.split(" :", 1) for paragraph in entry["transcript"])
    )
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "meeting_day": days[entry["day"]],
        "video_url": entry["video"],
        "duration": duration(entry["duration"]),
        "language": ReplayPage.Language.FRENCH,
        "description": stream(ReplayPage, "description", [("paragraph", paragraphs(entry["description"]))]),
        "transcript": transcript,
        "speakers": [ReplaySpeaker(speaker=speakers[key]) for key in entry["speakers"]],
        "chapters": chapters,
        "themes": terms(Theme, entry["themes"]),
        "audiences": terms(Audience, entry["audiences"]),
    }
