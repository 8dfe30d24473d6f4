"""Demo: locales, the French home page as the site root, site settings and the demo users."""

import os

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site, Task, Workflow

from core.demo_tools import ensure_page, stream
from trades.models import TradeProfilePage

from .models import HomePage, HomePageFeaturedTrade, SiteSettings, StandardPage

HOME_TEXT = (
    "Métiers, savoir-faire, labels, offres pour les jeunes professionnels et replays des journées "
    "du réseau : le centre de ressources rend visible l'écosystème du patrimoine en Pays de la Loire."
)


# Plain pages of the demo: (slug, title, summary, body as (block type, value) pairs).
STANDARD_PAGES = [
    (
        "a-propos",
        "À propos du réseau",
        "Qui porte le centre de ressources, pour qui, et comment y contribuer.",
        [
            ("heading", {"text": "Un réseau régional du patrimoine", "level": "h2"}),
            (
                "paragraph",
                "<p>Né en 2018 d'une commission de la conférence régionale de la culture, le réseau "
                "rassemble une centaine d'acteurs du patrimoine des Pays de la Loire : associations, "
                "collectivités, services de l'État, propriétaires privés, écoles et entreprises "
                "artisanales.</p>",
            ),
            ("heading", {"text": "Ce que propose le centre de ressources", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>des fiches métiers et savoir-faire, avec les formations de la région ;</li>"
                "<li>les labels, chartes et marques, et ce qu'ils exigent ;</li>"
                "<li>les offres d'apprentissage, de stage et d'emploi pour les jeunes ;</li>"
                "<li>les replays des journées du réseau et l'annuaire des acteurs.</li></ul>",
            ),
            ("heading", {"text": "Contribuer", "level": "h2"}),
            (
                "paragraph",
                "<p>Les membres du réseau proposent des contenus ; l'équipe les relit et les publie "
                "après validation. Une erreur, un oubli ? Écrivez-nous à l'adresse indiquée en bas "
                "de page.</p>",
            ),
        ],
    ),
    (
        "mentions-legales",
        "Mentions légales et données de démonstration",
        "Ce site de démonstration contient des données simplifiées ou fictives.",
        [
            ("heading", {"text": "Données de démonstration", "level": "h2"}),
            (
                "paragraph",
                "<p>Les fiches métiers reprennent des listes officielles (métiers d'art, métiers du "
                "patrimoine bâti, inventaire du patrimoine culturel immatériel). Les offres, les "
                "personnes et les coordonnées des acteurs sont illustratives : les acteurs sont "
                "placés au centre de leur commune.</p>",
            ),
            ("heading", {"text": "Données personnelles", "level": "h2"}),
            (
                "paragraph",
                "<p>Le site ne dépose aucun cookie de mesure d'audience. Une vidéo tierce ne se "
                "charge que lorsque vous cliquez sur son lecteur.</p>",
            ),
        ],
    ),
]

# Wagtail's migrations name the default moderation workflow in English; editors read French.
WORKFLOW_NAMES = {"Moderators approval": "Validation par les modérateurs"}


def home_page() -> HomePage:
    return HomePage.objects.get(locale__language_code="fr", depth=2)


def build() -> int:
    created = 0
    french, was_created = Locale.objects.get_or_create(language_code="fr")
    created += was_created
    _english, was_created = Locale.objects.get_or_create(language_code="en")
    created += was_created

    home = HomePage.objects.filter(locale=french, depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a placeholder "Welcome" page; the demo replaces it.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            placeholder.delete()
        home = HomePage(
            title="Centre de ressources du patrimoine",
            slug="accueil",
            locale=french,
            hero_title="Les métiers et savoir-faire du patrimoine en Pays de la Loire",
            hero_text=HOME_TEXT,
            summary=HOME_TEXT,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created += 1
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Centre de ressources du patrimoine",
        )
        created += 1
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Centre de ressources du patrimoine"
        site.save()
        created += 1

    site = site or Site.objects.get(is_default_site=True)
    created += serve_at(site, os.environ.get("DEMO_SITE_ADDRESS", ""))
    site_settings = SiteSettings.for_site(site)
    if not site_settings.footer_text:
        site_settings.footer_text = (
            "Le réseau régional du patrimoine rassemble une centaine d'acteurs des Pays de la Loire. "
            "Les contenus de ce site de démonstration sont fictifs ou simplifiés."
        )
        site_settings.contact_email = "contact@example.org"
        site_settings.save()

    plain_pages = {}
    for slug, title, summary, body in STANDARD_PAGES:
        plain_pages[slug], was_created = ensure_page(
            home, StandardPage, slug, title=title, summary=summary, body=stream(StandardPage, "body", body)
        )
        created += was_created
    if site_settings.about_page_id is None:
        site_settings.about_page = plain_pages["a-propos"]
        site_settings.legal_notice_page = plain_pages["mentions-legales"]
        site_settings.save()
        created += 1

    user_model = get_user_model()
    if not user_model.objects.filter(username="admin").exists():
        user_model.objects.create_superuser("admin", "admin@example.org", "admin")
        created += 1
    for english, french in WORKFLOW_NAMES.items():
        created += Workflow.objects.filter(name=english).update(name=french)
        created += Task.objects.filter(name=english).update(name=french)
    return created


# The trades featured on the home page, once the trade profiles exist.
FEATURED_TRADES = ["tailleur-de-pierre", "vitrailliste", "charpentier", "doreur"]


def feature_trades() -> int:
    """Features trades on the home page once; an editor's later choice is left alone."""
    home = home_page()
    trades = {
        trade.slug: trade
        for trade in TradeProfilePage.objects.filter(locale__language_code="fr", slug__in=FEATURED_TRADES)
    }
    trades = [trades[slug] for slug in FEATURED_TRADES if slug in trades]
    if home.featured_trades.exists():
        return 0
    # Through a revision, so that the admin's edit form shows them too.
    home.featured_trades.set([HomePageFeaturedTrade(page=trade) for trade in trades])
    home.save_revision().publish()
    return len(trades)


# The demo's pictures (core/demo_pictures.py: drawings made for the project, CC BY-SA 4.0), by
# page type: a page named here by its slug gets that picture; ``None`` takes the first pages of
# the type in the tree, one picture each. The other pages keep no picture, as many real ones will.
DEMO_PICTURES = {
    "trades.TradeProfilePage": {
        "tailleur-de-pierre": "stone",
        "charpentier": "roof-truss",
        "couvreur": "slate-roof",
        "vitrailliste": "stained-glass",
        "macon-du-bati-ancien": "brick-bond",
    },
    "knowledge.KnowHowPage": {
        "taille-de-pierre": "stone",
        "couverture-en-ardoise": "slate-roof",
        "charpente-traditionnelle": "roof-truss",
        "trace-de-charpente": "timber-frame",
        "vitrail": "stained-glass",
    },
    "knowledge.LabelPage": {
        "monument-historique-classement": "rose-window",
        "maitre-dart": "frieze",
        "entreprise-du-patrimoine-vivant": "timber-frame",
    },
    "knowledge.ReplayPage": {None: ["round-table", "loire"]},
    "agenda.EventPage": {None: ["round-table", "loire", "frieze"]},
    "agenda.WorkingGroupPage": {None: ["round-table"]},
    "news.ProgrammePage": {None: ["roof-truss"]},
    "news.NewsItemPage": {None: ["loire", "stone", "stained-glass"]},
    "actors.ActorPage": {None: ["stone", "timber-frame", "slate-roof"]},
}


def attach_pictures() -> int:
    """Gives the demo pages of ``DEMO_PICTURES`` their picture (published); a page that has one
    already is left as it is."""
    from django.apps import apps

    from core.demo_pictures import ensure_picture

    attached = 0
    for label, choices in DEMO_PICTURES.items():
        pages = apps.get_model(label).objects.filter(locale__language_code="fr").order_by("path")
        if None in choices:
            pairs = zip(pages[: len(choices[None])], choices[None], strict=False)
        else:
            by_slug = {page.slug: page for page in pages.filter(slug__in=choices)}
            pairs = [(by_slug[slug], key) for slug, key in choices.items() if slug in by_slug]
        for page, key in pairs:
            if page.image_id is None:
                page.image = ensure_picture(key)
                page.save_revision().publish()
                attached += 1
    return attached


def serve_at(site: Site, address: str) -> int:
    """Gives the demo's site the address ``make demo`` serves it at (DEMO_SITE_ADDRESS,
    « 127.0.0.1:8000 »), so the links of its mails and feeds (core.public_address) lead there.
    Nothing when unset (the tests' demo keeps Wagtail's localhost)."""
    hostname, _colon, port = address.partition(":")
    if not hostname or (site.hostname, site.port) == (hostname, int(port or 80)):
        return 0
    site.hostname, site.port = hostname, int(port or 80)
    site.save()
    return 1
