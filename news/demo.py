"""Demo: the news (a dozen items, dates relative to today), the two support programmes of the
network (TRAJET and Culturdiag, from the network's own presentation, in our words) each with a
past and an open call, and a newsletter issue ready to preview.

Idempotent: pages are found by slug, the issue is made once; the dates of the first run stay.
"""

import datetime

from django.utils import timezone
from django.utils.html import escape

from actors.models import ActorDirectoryPage, ActorPage, Commune
from core.demo_tools import ensure_page, french, site_home_page, stream
from knowledge.taxonomy import Department, Theme

from .digest import new_issue
from .models import (
    NewsIndexPage,
    NewsItemPage,
    NewsletterIssue,
    ProgrammeCall,
    ProgrammeIndexPage,
    ProgrammePage,
)

DEMO_NOTICE = "Exemple créé pour la démonstration du site."
CONTACT = "contact@polepatrimoine-paysdelaloire.fr"

# (slug, kind, days ago, scope, theme, department, title, summary, source name, source address)
NEWS = [
    (
        "rencontres-connexions-automne",
        "article",
        2,
        "regional",
        "cooperation",
        "loire-atlantique",
        "Retour sur la journée ConneXionS d'automne",
        "Une cinquantaine d'acteurs réunis pour partager leurs expériences de coopération ; le replay "
        "arrive bientôt dans les ressources.",
        "",
        "",
    ),
    (
        "groupe-patrimoine-immateriel",
        "article",
        6,
        "regional",
        "transmission",
        "",
        "Le groupe de travail Patrimoine culturel immatériel se réunit",
        "Veille, bonnes pratiques et projet de Maison régionale des Patrimoines vivants : le groupe "
        "accueille de nouveaux participants.",
        "",
        "",
    ),
    (
        "jeunes-pros-visite-chantier",
        "article",
        12,
        "regional",
        "formation",
        "maine-et-loire",
        "Des apprentis en visite sur un chantier de tuffeau",
        "L'action Jeunes-Pros du Patrimoine a emmené des apprentis rencontrer les tailleurs de pierre "
        "d'un chantier près de Saumur.",
        "",
        "",
    ),
    (
        "trajet-nouvelle-promotion",
        "article",
        9,
        "regional",
        "cooperation",
        "",
        "TRAJET ouvre une nouvelle promotion",
        "Les candidatures sont ouvertes pour le parcours d'incubation des projets culturels porté par "
        "les pôles régionaux des filières culturelles.",
        "",
        "",
    ),
    (
        "journees-patrimoine-bilan",
        "watch",
        4,
        "national",
        "territoires",
        "",
        "Journées européennes du patrimoine : le bilan de l'édition",
        "Le ministère publie la fréquentation de l'édition et les chiffres de participation des "
        "monuments ouverts pour la première fois.",
        "Ministère de la Culture",
        "https://www.culture.gouv.fr/",
    ),
    (
        "fonds-region-restauration",
        "watch",
        8,
        "regional",
        "restauration",
        "",
        "La Région précise ses aides à la restauration du patrimoine non protégé",
        "Un rappel des critères et du calendrier des aides régionales pour les communes et les "
        "associations propriétaires.",
        "Région des Pays de la Loire",
        "https://www.paysdelaloire.fr/",
    ),
    (
        "europa-nostra-prix",
        "watch",
        15,
        "european",
        "restauration",
        "",
        "Les prix européens du patrimoine ouvrent leur appel",
        "Les projets de conservation, de recherche et de sensibilisation peuvent candidater aux prix "
        "européens du patrimoine.",
        "Europa Nostra",
        "https://www.europanostra.org/",
    ),
    (
        "metiers-art-journees",
        "watch",
        20,
        "national",
        "transmission",
        "",
        "Les Journées européennes des métiers d'art préparent leur prochaine édition",
        "Les ateliers et centres de formation peuvent déjà s'inscrire pour ouvrir leurs portes au public.",
        "Institut national des métiers d'art",
        "https://www.institut-metiersdart.org/",
    ),
    (
        "transition-ecologique-bati",
        "watch",
        26,
        "national",
        "transition-ecologique",
        "",
        "Rénovation énergétique et bâti ancien : un guide actualisé",
        "Un guide rappelle les précautions propres aux murs anciens (chaux, respiration des "
        "maçonneries) avant d'isoler.",
        "Ministère de la Culture",
        "https://www.culture.gouv.fr/",
    ),
    (
        "sarthe-inventaire",
        "watch",
        33,
        "regional",
        "territoires",
        "sarthe",
        "En Sarthe, un inventaire participatif du petit patrimoine",
        "Lavoirs, fours et croix de chemin : des habitants recensent le petit patrimoine de leur "
        "commune avec le département.",
        "Département de la Sarthe",
        "https://www.sarthe.fr/",
    ),
    (
        "vendee-chantier-ecole",
        "article",
        40,
        "regional",
        "formation",
        "vendee",
        "Un chantier-école pour restaurer un moulin en Vendée",
        "Des stagiaires en reconversion ont repris la maçonnerie et la charpente d'un moulin ; "
        "récit d'un chantier de transmission.",
        "",
        "",
    ),
    (
        "mayenne-labels",
        "article",
        52,
        "regional",
        "cooperation",
        "mayenne",
        "Chartes et labels : le groupe de travail fait le point",
        "Exigences, probation, radiation : le groupe publie une première synthèse pour mieux "
        "comprendre les labels.",
        "",
        "",
    ),
]


def build() -> int:
    home = site_home_page()
    count = build_news(home)
    count += build_programmes(home)
    return count


def build_news(home) -> int:
    index, created = ensure_page(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        show_in_menus=True,
        summary="Les nouvelles du réseau et la veille de la filière patrimoine, en région, en France "
        "et en Europe.",
    )
    count = int(created)
    today = timezone.localdate()
    locale = french()
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=locale)}
    departments = {department.slug: department for department in Department.objects.filter(locale=locale)}
    for slug, kind, days_ago, scope, theme, department, title, summary, source, url in NEWS:
        body = [] if kind == "watch" else [("paragraph", f"<p>{escape(summary)}</p>")]
        body.append(("paragraph", f"<p><em>{DEMO_NOTICE}</em></p>"))
        _page, created = ensure_page(
            index,
            NewsItemPage,
            slug,
            title=title,
            summary=summary,
            kind=kind,
            date=today - datetime.timedelta(days=days_ago),
            scope=scope,
            theme=themes.get(theme),
            department=departments.get(department),
            source_name=source,
            source_url=url,
            body=stream(NewsItemPage, "body", body),
        )
        count += created
    return count


def network_actor(home):
    """Pôle Patrimoine in the directory: the network that runs both programmes here."""
    directory = ActorDirectoryPage.objects.child_of(home).first()
    if directory is None:
        return None
    commune = Commune.objects.filter(name="Nantes").first()
    department = Department.objects.filter(locale=french(), slug="loire-atlantique").first()
    if commune is None or department is None:
        return None
    actor, _created = ensure_page(
        directory,
        ActorPage,
        "pole-patrimoine",
        title="Pôle Patrimoine",
        kind=ActorPage.Kind.ASSOCIATION,
        is_member=True,
        commune=commune,
        department=department,
        approximate_location=True,
        website="https://www.polepatrimoine-paysdelaloire.fr/",
        summary="Le réseau des acteurs du patrimoine culturel des Pays de la Loire, créé en 2018.",
    )
    return actor


def paragraphs(*texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def bullets(*items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def calls(first_title, second_title):
    today = timezone.localdate()
    return [
        ProgrammeCall(
            title=first_title,
            opens_on=today - datetime.timedelta(days=120),
            closes_on=today - datetime.timedelta(days=75),
            description="Cette session est complète ; les participants sont en cours d'accompagnement.",
        ),
        ProgrammeCall(
            title=second_title,
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today + datetime.timedelta(days=25),
            description="Envoyez une présentation de votre structure et de votre projet ; l'équipe vous "
            "rappelle pour en parler avant la sélection.",
        ),
    ]


def build_programmes(home) -> int:
    index, created = ensure_page(
        home,
        ProgrammeIndexPage,
        "accompagnement",
        title="Accompagnement des projets",
        show_in_menus=True,
        summary="Deux dispositifs pour développer et structurer un projet culturel ou patrimonial en région.",
    )
    count = int(created)
    actor = network_actor(home)
    networks = [actor] if actor is not None else []
    _page, created = ensure_page(
        index,
        ProgrammePage,
        "trajet",
        title="TRAJET",
        agenda_programme="trajet",
        summary="Un parcours d'incubation de plusieurs mois pour faire grandir un projet culturel ou "
        "patrimonial installé en Pays de la Loire.",
        offer=paragraphs(
            "TRAJET accompagne les projets dans la durée : il aide à les structurer, à les rendre "
            "durables et à professionnaliser celles et ceux qui les portent.",
        )
        + bullets("des formations", "des journées thématiques", "des entretiens individuels"),
        eligibility=paragraphs(
            "Les projets culturels et patrimoniaux installés en Pays de la Loire. Depuis 2024, Pôle "
            "Patrimoine le propose à ses adhérents et aux acteurs du patrimoine de la région."
        ),
        format_description=paragraphs(
            "Le dispositif est pensé entre filières : il est porté ensemble par les six pôles "
            "régionaux des filières culturelles, dans un esprit de coopération à l'échelle de la "
            "région. Les structures suivies alternent temps collectifs et rendez-vous individuels."
        ),
        length="Plusieurs mois",
        networks=networks,
        calls=calls("Promotion précédente", "Nouvelle promotion"),
        contact_name="Anne-Cécile Dumont Olivier, coordinatrice de Pôle Patrimoine",
        contact_email=CONTACT,
    )
    count += created
    _page, created = ensure_page(
        index,
        ProgrammePage,
        "culturdiag",
        title="Culturdiag",
        agenda_programme="culturdiag",
        summary="Un accompagnement sur mesure pour faire soi-même le diagnostic économique de sa "
        "structure culturelle et mieux la piloter.",
        offer=paragraphs(
            "Culturdiag aide une structure à faire le point sur sa situation économique et "
            "financière, puis à décider et piloter en connaissance de cause."
        )
        + bullets(
            "un bilan de la situation économique et financière",
            "les besoins identifiés",
            "un plan de développement",
            "des outils pour décider et piloter",
        ),
        eligibility=paragraphs("Les structures culturelles qui emploient des salariés."),
        format_description=paragraphs(
            "Deux journées de formation en groupe, puis un entretien individuel pour appliquer "
            "l'auto-diagnostic à sa propre structure."
        ),
        length="Deux journées collectives et un entretien individuel",
        networks=networks,
        calls=calls("Session précédente", "Prochaine session"),
        contact_name="Anne-Cécile Dumont Olivier, coordinatrice de Pôle Patrimoine",
        contact_email=CONTACT,
    )
    count += created
    return count


def build_newsletter() -> int:
    """A draft issue from the digest, once every section of the demo exists."""
    if NewsletterIssue.objects.exists():
        return 0
    issue = new_issue("fr")
    issue.subject = "La lettre du réseau patrimoine"
    issue.introduction = (
        "Bonjour à toutes et à tous ! Voici les nouvelles du réseau et de la filière, les appels "
        "ouverts et les offres pour les jeunes professionnels."
    )
    issue.save()
    return 1
