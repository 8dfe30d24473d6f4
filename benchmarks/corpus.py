"""A realistic corpus of pages of every searchable type, for benchmarks and tests.

French words from the reference data (trades, communes, labels), the taxonomy spread over the
pages, some closed offers. Pages are real Wagtail pages (tree paths through ``add_child``, live,
dated) but get no revision and are not indexed one by one: the caller rebuilds the full-text
index and the facets in bulk afterwards (``generate_content`` does).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from core.demo_tools import REFERENCE_DIR, read_csv
from home.models import StandardPage
from knowledge.models import (
    Audience,
    ContractKind,
    Department,
    Domain,
    KnowHowIndexPage,
    KnowHowPage,
    LabelIndexPage,
    LabelPage,
    Material,
    MeetingDay,
    ReplayIndexPage,
    ReplayPage,
    TrainingLevel,
)
from trades.models import (
    OpportunityIndexPage,
    OpportunityPage,
    TradeIndexPage,
    TradeProfilePage,
    TrainingPath,
)

GENERATED_SLUG_PREFIX = "gen-"
# Share of each page type in the corpus.
WEIGHTS = {
    TradeProfilePage: 20,
    KnowHowPage: 20,
    LabelPage: 5,
    OpportunityPage: 30,
    ReplayPage: 15,
    StandardPage: 10,
}
INDEXES = {
    TradeProfilePage: (TradeIndexPage, "metiers", "Métiers"),
    KnowHowPage: (KnowHowIndexPage, "savoir-faire", "Savoir-faire"),
    LabelPage: (LabelIndexPage, "labels", "Labels et chartes"),
    OpportunityPage: (OpportunityIndexPage, "offres", "Offres pour les jeunes"),
    ReplayPage: (ReplayIndexPage, "replays", "Replays"),
}
SENTENCES = [
    "Le métier demande de la patience, un œil précis et le goût du travail bien fait.",
    "La restauration des édifices anciens fait appel à des savoir-faire transmis depuis des siècles.",
    "On travaille sur des chantiers de monuments historiques, de maisons anciennes et de jardins.",
    "L'apprentissage se fait souvent en alternance entre un atelier et un centre de formation.",
    "Le tuffeau, pierre blanche de la vallée de la Loire, se taille tendre et durcit à l'air.",
    "Les charpentes anciennes se réparent pièce par pièce, avec des assemblages traditionnels.",
    "La chaux laisse respirer les murs anciens ; le ciment les enferme et les abîme.",
    "Les vitraux se démontent, se nettoient et se remettent en plomb dans l'atelier.",
    "Les jeunes découvrent le patrimoine lors de journées portes ouvertes et de stages.",
    "Les couvreurs posent l'ardoise au crochet ou au clou selon les traditions locales.",
    "Le réseau réunit associations, collectivités, écoles et entreprises artisanales.",
    "Les enduits à la chaux et au sable de Loire donnent aux façades leur couleur.",
]


def _trade_names():
    names = [row["metier"] for row in read_csv(REFERENCE_DIR / "metiers_patrimoine_bati.csv")]
    names += [row["metier"] for row in read_csv(REFERENCE_DIR / "metiers_art.csv")]
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def _communes():
    return [row["nom"] for row in read_csv(REFERENCE_DIR / "communes_pdl.csv")]


def _label_names():
    return [row["nom"] for row in read_csv(REFERENCE_DIR / "labels.csv")]


def _paragraphs(rng, count=2):
    return [("paragraph", f"<p>{' '.join(rng.sample(SENTENCES, 3))}</p>") for _ in range(count)]


def ensure_indexes(home: Page) -> dict:
    """The index pages under ``home`` (found by type, created if missing)."""
    indexes = {}
    for page_model, (index_model, slug, title) in INDEXES.items():
        index = index_model.objects.child_of(home).first()
        if index is None:
            index = index_model(title=title, slug=slug, locale=home.locale, live=True)
            home.add_child(instance=index)
        indexes[page_model] = index
    indexes[StandardPage] = home
    return indexes


def clear_generated():
    """Delete the pages a previous run generated (their slugs start with ``gen-``)."""
    pages = Page.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX)
    deleted = 0
    for page in pages.iterator():
        page.delete()
        deleted += 1
    return deleted


def _last_serial() -> int:
    """The highest number of the generated slugs ("gen-<number>-..."), 0 when there are none: new
    pages continue from there, even after some generated pages were deleted."""
    slugs = Page.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX).values_list("slug", flat=True)
    numbers = [int(part) for slug in slugs if (part := slug.split("-")[1]).isdigit()]
    return max(numbers, default=0)


class CorpusBuilder:
    """Builds ``count`` pages under the indexes of ``home``; ``seed`` makes it reproducible."""

    def __init__(self, home: Page, seed: int = 1):
        self.home = home
        self.rng = random.Random(seed)
        self.indexes = ensure_indexes(home)
        locale = home.locale
        self.domains = list(Domain.objects.filter(locale=locale))
        self.materials = list(Material.objects.filter(locale=locale))
        self.departments = list(Department.objects.filter(locale=locale))
        self.audiences = list(Audience.objects.filter(locale=locale))
        self.levels = list(TrainingLevel.objects.filter(locale=locale))
        self.contracts = list(ContractKind.objects.filter(locale=locale))
        self.trade_names = _trade_names()
        self.communes = _communes()
        self.label_names = _label_names()
        self.meeting_days = self._meeting_days()
        self.labels = list(LabelPage.objects.filter(locale=locale, live=True)[:50])
        self.today = timezone.localdate()
        self.serial = _last_serial()

    def _meeting_days(self):
        days = list(MeetingDay.objects.filter(locale=self.home.locale)[:5])
        if not days:
            for year in (2022, 2023, 2024):
                days.append(
                    MeetingDay.objects.create(
                        title=f"Journée ConneXionS {year}",
                        date=f"{year}-10-0{year - 2020}",
                        place="Angers",
                        locale=self.home.locale,
                    )
                )
        return days

    def _some(self, terms, low=1, high=2):
        if not terms:
            return []
        return self.rng.sample(terms, min(len(terms), self.rng.randint(low, high)))

    def _page_kind(self):
        models, weights = zip(*WEIGHTS.items(), strict=True)
        return self.rng.choices(models, weights)[0]

    def build(self, count: int, progress=None) -> int:
        for _ in range(count):
            self.build_one(self._page_kind())
            if progress is not None:
                progress.update(1)
        return count

    def build_one(self, model):
        self.serial += 1
        rng = self.rng
        published = timezone.now() - timedelta(days=rng.randint(0, 730), minutes=self.serial)
        common = {
            "locale": self.home.locale,
            "live": True,
            "first_published_at": published,
            "last_published_at": published,
        }
        maker = getattr(self, f"_make_{model.__name__}")
        page, relations = maker(common)
        page.slug = f"{GENERATED_SLUG_PREFIX}{self.serial}-{slugify(page.title)[:60]}"
        for name, values in relations.items():
            getattr(page, name).set(values)
        self.indexes[model].add_child(instance=page)
        if isinstance(page, LabelPage) and len(self.labels) < 50:
            self.labels.append(page)
        return page

    def _make_TradeProfilePage(self, common):  # noqa: N802
        rng = self.rng
        name = rng.choice(self.trade_names)
        page = TradeProfilePage(
            title=name,
            summary=f"{name} : {rng.choice(SENTENCES)}",
            hook=f"Devenir {name.lower()} en Pays de la Loire",
            what_the_work_is=_paragraphs(rng),
            employers="Entreprises artisanales, monuments historiques, collectivités.",
            regional_status=rng.choice(TradeProfilePage.RegionalStatus.values),
            **common,
        )
        level = rng.choice(self.levels) if self.levels else None
        if level is not None:
            page.training_paths = [
                TrainingPath(
                    diploma=f"CAP {name.lower()}"[:200],
                    level=level,
                    school_name="CFA des Compagnons du Devoir",
                    locale=self.home.locale,
                )
            ]
        return page, {
            "domains": self._some(self.domains),
            "materials": self._some(self.materials),
            "audiences": self._some(self.audiences),
            "related_labels": self._some(self.labels, 0, 2),
        }

    def _make_KnowHowPage(self, common):  # noqa: N802
        rng = self.rng
        material = rng.choice(self.materials).name.lower() if self.materials else "pierre"
        verb = rng.choice(["Taille", "Restauration", "Pose", "Façonnage", "Assemblage", "Dorure"])
        title = f"{verb} {rng.choice(['du', 'de la', 'des'])} {material}"
        page = KnowHowPage(
            title=title,
            summary=rng.choice(SENTENCES),
            technique=_paragraphs(rng),
            where_practised=f"Ateliers de {rng.choice(self.communes)}",
            sources=[
                (
                    "source",
                    {
                        "title": "Inventaire du patrimoine culturel immatériel",
                        "author": "Ministère de la Culture",
                        "year": 2020,
                        "url": "https://www.pci-lab.fr/",
                    },
                )
            ],
            **common,
        )
        return page, {
            "domains": self._some(self.domains),
            "materials": self._some(self.materials),
            "audiences": self._some(self.audiences),
            "departments": self._some(self.departments),
        }

    def _make_LabelPage(self, common):  # noqa: N802
        rng = self.rng
        title = rng.choice(self.label_names)
        page = LabelPage(
            title=title,
            summary=f"{title} : ce que le label atteste et qui peut le demander.",
            kind=rng.choice(LabelPage.Kind.values),
            awarding_body="Ministère de la Culture",
            who_may_apply="<p>Les propriétaires et les collectivités.</p>",
            requirements=[("item", "Respecter le cahier des charges.")],
            **common,
        )
        return page, {"domains": self._some(self.domains), "audiences": self._some(self.audiences)}

    def _make_OpportunityPage(self, common):  # noqa: N802
        rng = self.rng
        kind = rng.choice(OpportunityPage.Kind.values)
        trade = rng.choice(self.trade_names)
        commune = rng.choice(self.communes)
        # About one offer in five is closed: it must never be listed.
        closing = self.today + timedelta(days=rng.randint(-60, 240))
        page = OpportunityPage(
            title=f"{OpportunityPage.Kind(kind).label} : {trade.lower()} à {commune}"[:255],
            summary=f"Une offre pour devenir {trade.lower()} à {commune}.",
            kind=kind,
            host_name=f"Atelier {rng.choice(['Moreau', 'Lefèvre', 'Guérin', 'Bodin', 'Rousseau'])}",
            commune=commune,
            department=rng.choice(self.departments),
            contract_kind=rng.choice(self.contracts) if self.contracts else None,
            level=rng.choice(self.levels) if self.levels and rng.random() < 0.7 else None,
            description=_paragraphs(rng, 1),
            how_to_apply="<p>Envoyez un CV et quelques lignes de motivation.</p>",
            closing_date=closing,
            **common,
        )
        return page, {}

    def _make_ReplayPage(self, common):  # noqa: N802
        rng = self.rng
        subject = rng.choice(self.trade_names)
        page = ReplayPage(
            title=f"Table ronde : {subject.lower()} et transmission",
            summary=rng.choice(SENTENCES),
            meeting_day=rng.choice(self.meeting_days),
            video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            duration=timedelta(minutes=rng.randint(20, 90)),
            transcript=f"<p>{' '.join(rng.sample(SENTENCES, 4))}</p>",
            **common,
        )
        return page, {"audiences": self._some(self.audiences)}

    def _make_StandardPage(self, common):  # noqa: N802
        rng = self.rng
        title = rng.choice(["Le réseau", "Ressources", "Guide", "Dossier", "Fiche pratique"])
        subject = rng.choice(self.trade_names).lower()
        page = StandardPage(
            title=f"{title} : {subject}", summary=rng.choice(SENTENCES), body=_paragraphs(rng), **common
        )
        return page, {}
