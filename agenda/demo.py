"""Demo: the network's four working groups and a year of its events.

The groups and their aims follow the network's own presentation (its four groups, who started
them, what they want), in our words. Events: the past ConneXionS days of the replays (linked to
their meeting days, so that each event shows its replays), a general assembly, meetings of the
groups, and upcoming days open for registration, one of them already full with a waiting list.
Upcoming dates are counted from the day the demo is built. Idempotent: found by slug.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from actors.models import ActorPage, Commune
from core.demo_tools import DEMO_DIR, ensure_page, french, read_csv, site_home_page
from knowledge.models import MeetingDay
from knowledge.taxonomy import Department, Theme

from .models import EventIndexPage, EventKind, EventPage, WorkingGroupIndexPage, WorkingGroupPage
from .registrations import Registration

PARIS = ZoneInfo("Europe/Paris")
DEMO_REFERENT = {
    "referent_name": "Coordination du réseau",
    "referent_role": "Coordinatrice",
    "referent_organisation": "Pôle Patrimoine",
    # A demo address: the demo's mail goes to the console, never out.
    "referent_email": "groupes-de-travail@example.org",
}

GROUPS = [
    {
        "slug": "chartes-labels-marques",
        "title": "Chartes, labels et marques",
        "summary": "Rendre lisibles les exigences des labels et des chartes du patrimoine.",
        "objectives": (
            "<ul><li>Expliquer ce que demandent les chartes et les labels, et comment on les obtient, "
            "les garde ou les perd.</li><li>Mettre en commun, avec les acteurs régionaux, ce que l'on "
            "sait des aides et des avantages fiscaux.</li><li>Pousser à des niveaux d'exigence "
            "comparables, en séparant clairement ce qui est exigé de ce qui est conseillé.</li></ul>"
        ),
        "rhythm": "Plusieurs réunions par an",
        "founders_text": "Patrimoine-Environnement, les Petites Cités de Caractère et la CAPEB régionale",
    },
    {
        "slug": "patrimoine-industriel-technique",
        "title": "Patrimoine industriel et technique",
        "summary": "Faire coopérer les acteurs du patrimoine industriel et technique de la région.",
        "objectives": (
            "<ul><li>Développer les collaborations entre les structures du patrimoine industriel et "
            "technique.</li><li>Mieux faire connaître ce patrimoine aux élus comme aux publics.</li></ul>"
        ),
        "rhythm": "Une réunion par trimestre, sur place et à distance",
        "founders_text": "la Maison des Hommes et des Techniques et le musée Espace Air Passion",
    },
    {
        "slug": "jeunes-pros",
        "title": "Action Jeunes-Pros du Patrimoine",
        "summary": "Faire découvrir aux jeunes la diversité des métiers du patrimoine, depuis 2020.",
        "objectives": (
            "<p>Né en 2020 pour rapprocher les professionnels des apprentis et des étudiants, le groupe "
            "réunit des écoles, des collectivités, des associations et des entreprises.</p><ul>"
            "<li>Montrer aux jeunes la variété des métiers du patrimoine.</li><li>Préserver et "
            "transmettre les savoir-faire.</li><li>Faire remonter les besoins des métiers qui "
            "recrutent.</li><li>Mettre en relation jeunes et responsables de structures.</li>"
            "<li>Renseigner les jeunes comme les structures.</li></ul>"
        ),
        "rhythm": "Selon les projets",
        "founders_text": "",
    },
    {
        "slug": "patrimoine-culturel-immateriel",
        "title": "Patrimoine culturel immatériel",
        "summary": "Un groupe proposé au conseil d'administration de mai 2023 : les patrimoines vivants.",
        "objectives": (
            "<ul><li>Suivre l'actualité du patrimoine immatériel et en partager les questions.</li>"
            "<li>Échanger bonnes pratiques et outils de méthode.</li><li>Sensibiliser les "
            "collectivités.</li><li>Préparer ensemble le projet de Maison régionale des patrimoines "
            "vivants et la place du réseau à ses côtés.</li></ul>"
        ),
        "rhythm": "Deux à trois réunions par an",
        "founders_text": "",
    },
]

# The ConneXionS days of the replays (fixtures/demo/replays.json), by meeting day title.
CONNEXIONS = [
    (
        "connexions-chartes-labels-2024",
        "ConneXionS : chartes, labels et marques",
        "Angers",
        "chartes-labels-marques",
    ),
    (
        "connexions-jeunes-2024",
        "ConneXionS : les jeunes et les métiers du patrimoine",
        "Nantes",
        "jeunes-pros",
    ),
    (
        "connexions-pci-2025",
        "ConneXionS : le patrimoine culturel immatériel",
        "Guérande",
        "patrimoine-culturel-immateriel",
    ),
    (
        "connexions-industriel-2025",
        "ConneXionS : patrimoine industriel et technique",
        "Le Mans",
        "patrimoine-industriel-technique",
    ),
]


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def commune(name):
    return Commune.objects.filter(name=name).first()


def department_of(place: Commune | None):
    if place is None:
        return None
    return Department.objects.filter(locale=french(), code=place.department_code).first()


def build() -> int:
    created = 0
    home = site_home_page()
    group_index, was_created = ensure_page(
        home,
        WorkingGroupIndexPage,
        "groupes-de-travail",
        title="Groupes de travail",
        show_in_menus=True,
        summary="Les quatre groupes de travail du réseau : leurs buts, leurs membres, leurs réunions.",
    )
    created += was_created
    groups = {}
    # The member structures of each group: fixtures/demo/working_group_members.csv (by actor name).
    members_by_group = {}
    for row in read_csv(DEMO_DIR / "working_group_members.csv"):
        members_by_group.setdefault(row["groupe"], []).append(row["acteur"])
    for entry in GROUPS:
        members = list(
            ActorPage.objects.filter(locale=french(), title__in=members_by_group.get(entry["slug"], []))
        )
        summary = entry["summary"]
        if entry["founders_text"]:
            summary = f"{summary} Lancé par {entry['founders_text']}."[:300]
        groups[entry["slug"]], was_created = ensure_page(
            group_index,
            WorkingGroupPage,
            entry["slug"],
            title=entry["title"],
            summary=summary,
            objectives=entry["objectives"],
            rhythm=entry["rhythm"],
            members=members,
            **DEMO_REFERENT,
        )
        created += was_created

    agenda, was_created = ensure_page(
        home,
        EventIndexPage,
        "agenda",
        title="Agenda",
        show_in_menus=True,
        summary="Les journées ConneXionS, les assemblées générales, les réunions des groupes de travail "
        "et les rendez-vous des partenaires.",
    )
    created += was_created
    for slug, title, town, group_slug in CONNEXIONS:
        day = MeetingDay.objects.filter(title=title, locale=french()).first()
        if day is None:
            continue
        place = commune(town)
        theme = Theme.objects.filter(pk=day.theme_id).first()
        created += ensure_page(
            agenda,
            EventPage,
            slug,
            title=f"Journée {title}",
            summary=f"Une journée de rencontres et d'échanges du réseau à {town}. Les replays sont en ligne.",
            kind=EventKind.CONNEXIONS,
            start=at(day.date, 9, 30),
            end=at(day.date, 17, 0),
            venue=day.place.split(",")[0],
            commune=place,
            department=department_of(place),
            working_group=groups[group_slug],
            meeting_day=day,
            themes=[theme] if theme else [],
        )[1]

    today = timezone.localdate()
    mans, nantes, saumur = commune("Le Mans"), commune("Nantes"), commune("Saumur")
    upcoming = [
        {
            "slug": "assemblee-generale",
            "title": "Assemblée générale du réseau",
            "summary": "L'assemblée générale annuelle, chez un membre : bilan, orientations, visite du lieu.",
            "kind": EventKind.GENERAL_ASSEMBLY,
            "day": today + datetime.timedelta(days=45),
            "hours": (14, 18),
            "venue": "Abbaye royale",
            "commune": saumur,
            "registration_open": True,
            "capacity": 80,
        },
        {
            "slug": "reunion-patrimoine-industriel",
            "title": "Réunion trimestrielle : patrimoine industriel et technique",
            "summary": "La réunion du trimestre, sur place et à distance.",
            "kind": EventKind.GROUP_MEETING,
            "day": today + datetime.timedelta(days=20),
            "hours": (10, 12),
            "venue": "Maison des Hommes et des Techniques",
            "commune": nantes,
            "attendance_mode": "hybrid",
            "online_url": "https://visio.example.org/industriel",
            "working_group": groups["patrimoine-industriel-technique"],
            "registration_open": True,
            "capacity": 25,
        },
        {
            "slug": "connexions-savoir-faire",
            "title": "Journée ConneXionS : transmettre les savoir-faire",
            "summary": "Ateliers et témoignages sur l'apprentissage des métiers du patrimoine.",
            "kind": EventKind.CONNEXIONS,
            "day": today + datetime.timedelta(days=60),
            "hours": (9, 17),
            "venue": "Centre de formation",
            "commune": mans,
            "registration_open": True,
            "capacity": 3,
            "full": True,
            "working_group": groups["jeunes-pros"],
        },
        {
            "slug": "trajet-journee-thematique",
            "title": "TRAJET : journée thématique sur le modèle économique",
            "summary": "Une journée du parcours TRAJET, ouverte aux structures accompagnées.",
            "kind": EventKind.PROGRAMME_DAY,
            "programme_name": "trajet",
            "day": today + datetime.timedelta(days=30),
            "hours": (9, 16),
            "attendance_mode": "online",
            "online_url": "https://visio.example.org/trajet",
            "registration_open": True,
            "capacity": 40,
        },
        {
            "slug": "reunion-pci",
            "title": "Réunion du groupe patrimoine culturel immatériel",
            "summary": "Point d'étape sur le projet de Maison régionale des patrimoines vivants.",
            "kind": EventKind.GROUP_MEETING,
            "day": today - datetime.timedelta(days=40),
            "hours": (14, 16),
            "attendance_mode": "online",
            "working_group": groups["patrimoine-culturel-immateriel"],
        },
    ]
    for entry in upcoming:
        entry = dict(entry)
        full = entry.pop("full", False)
        day = entry.pop("day")
        start_hour, end_hour = entry.pop("hours")
        place = entry.get("commune")
        event, was_created = ensure_page(
            agenda,
            EventPage,
            entry.pop("slug"),
            start=at(day, start_hour),
            end=at(day, end_hour),
            department=department_of(place),
            notify_emails="equipe@example.org",
            **entry,
        )
        created += was_created
        if was_created and full:
            for number, status in enumerate(["confirmed"] * event.capacity + ["waiting"] * 2, start=1):
                Registration.objects.create(
                    event=event,
                    name=f"Participant·e de démonstration {number}",
                    email=f"participant{number}@example.org",
                    organisation="Structure de démonstration",
                    status=status,
                )
    return created
