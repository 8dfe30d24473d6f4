"""Demo: the forum with a few topics (one turned into a workshop, one into a project sheet), two
workshops at different stages with their timeline, and the sector action plan, in French.

The facts come from the network's documents (the board as a forum, the path forum → ConneXionS
day → project sheet, the sister network's workshops, a sector plan's issues and tracks); the
sentences are ours. Idempotent: found by slug; the steps are recorded once.
"""

import datetime

from django.utils import timezone

from actors.models import ActorPage
from agenda.models import AttendanceMode, EventIndexPage, EventKind, EventPage
from core.demo_tools import ensure_page, site_home_page
from knowledge.taxonomy import Theme

from .models import (
    ActionPlanPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectStep,
    Stage,
    TopicIndexPage,
    TopicPage,
)
from .models.projects import (
    STAGE_ORDER,
    ProjectDeliverable,
    ProjectMember,
    ProjectObjective,
    ProjectRecommendation,
)
from .moderation import board_workflow

TOPICS = [
    (
        "faire-connaitre-les-metiers-aux-jeunes",
        "Faire connaître les métiers du patrimoine aux collégiens",
        "Action Jeunes-Pros du Patrimoine",
        "Les collégiens et leurs familles ignorent presque tout des métiers du bâti ancien et des métiers d'art ; "  # noqa: E501
        "les stages de troisième se font rarement chez nos membres.",
        "Les entreprises qui restaurent le patrimoine peinent à recruter des apprentis.",
        "transmission",
    ),
    (
        "observer-l-emploi-dans-la-filiere",
        "Mieux connaître l'emploi dans la filière patrimoine",
        "Pôle Patrimoine, équipe salariée",
        "Personne ne sait combien de personnes travaillent dans le patrimoine en Pays de la Loire, ni dans "
        "quelles structures : les chiffres existants sont épars.",
        "Sans données partagées, difficile de défendre les besoins du secteur auprès des collectivités.",
        "cooperation",
    ),
    (
        "mutualiser-des-outils-de-mediation",
        "Partager des outils de médiation entre petits lieux",
        "Association d'un site industriel de la Sarthe",
        "Les petits lieux de patrimoine industriel conçoivent chacun leurs outils de médiation, sans moyens.",
        "Mettre en commun éviterait de refaire dix fois le même travail.",
        "cooperation",
    ),
    (
        "relais-locaux-dans-les-departements",
        "Des relais du réseau dans chaque département",
        "Une collectivité adhérente de Vendée",
        "Les membres éloignés de Nantes et d'Angers se sentent loin de la vie du réseau.",
        "L'ancrage territorial est un des axes du projet 2023-2027.",
        "territoires",
    ),
]


FORUM_SESSION = "Forum : les jeunes et nos métiers"
# The workshop's meetings (slug, title, days from the day the demo is built).
MEETINGS = [
    ("cadrage-chantier-colleges", "Réunion de cadrage du chantier collèges", -150),
    ("reunion-chantier-colleges", "Deuxième réunion du chantier collèges", 25),
]


def plan_blocks(issues):
    """The plan's issues from their stored form (dates as text, pages by id)."""
    block = ActionPlanPage._meta.get_field("issues").stream_block
    return block.to_python([{"type": "issue", "value": issue} for issue in issues])


def _theme(slug):
    return Theme.objects.filter(locale__language_code="fr", slug=slug).first()


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _record_steps(page, stages_with_days):
    created = 0
    for stage, day in stages_with_days:
        _step, was_created = ProjectStep.objects.get_or_create(
            translation_key=page.translation_key, stage=stage, defaults={"taken_on": day}
        )
        created += was_created
    last_stage, last_day = stages_with_days[-1]
    ProjectPage.objects.filter(translation_key=page.translation_key).update(
        stage=last_stage, stage_changed_on=last_day
    )
    return created


def build() -> int:
    created = 0
    home = site_home_page()
    forum, was_created = ensure_page(
        home,
        TopicIndexPage,
        "forum",
        title="Forum des adhérents",
        summary="Les sujets que les membres soumettent au conseil d'administration et au bureau.",
    )
    created += was_created
    board_workflow(forum)
    events = list(EventPage.objects.filter(locale__language_code="fr").order_by("start"))
    past_events = [event for event in events if event.end < timezone.now()]
    # The meeting day that took up the first topic: a ConneXionS day before the workshop began.
    earlier_days = [
        event
        for event in past_events
        if event.kind == EventKind.CONNEXIONS and timezone.localtime(event.start).date() < _days(-270)
    ]
    discussed_at = (earlier_days or past_events or [None])[-1]
    topics = {}
    for slug, title, structure, problem, why, theme in TOPICS:
        theme_term = _theme(theme)
        topics[slug], was_created = ensure_page(
            forum,
            TopicPage,
            slug,
            title=title,
            structure_name=structure,
            summary=problem[:290],
            problem=problem,
            why_it_matters=why,
            proposed_on=(
                timezone.localtime(discussed_at.start).date() - datetime.timedelta(days=45)
                if discussed_at and not topics
                else _days(-300 + 40 * len(topics))
            ),
            themes=[theme_term] if theme_term else [],
        )
        created += was_created

    projects_index, was_created = ensure_page(
        home,
        ProjectIndexPage,
        "chantiers-et-projets",
        title="Chantiers et projets",
        summary="Les chantiers thématiques et les fiches projets nés du forum, et où ils en sont.",
    )
    created += was_created
    actors = list(ActorPage.objects.filter(locale__language_code="fr").order_by("title")[:3])
    meetings = []
    agenda = EventIndexPage.objects.filter(locale__language_code="fr").first()
    if agenda is not None:
        for slug, title, days in MEETINGS:
            start = timezone.make_aware(datetime.datetime.combine(_days(days), datetime.time(14)))
            meeting, was_created = ensure_page(
                agenda,
                EventPage,
                slug,
                title=title,
                kind=EventKind.GROUP_MEETING,
                start=start,
                end=start + datetime.timedelta(hours=2),
                attendance_mode=AttendanceMode.ONLINE,
                summary="Une réunion du chantier « les métiers du patrimoine au collège ».",
            )
            meetings.append(meeting)
            created += was_created

    workshop, was_created = ensure_page(
        projects_index,
        ProjectPage,
        "chantier-metiers-colleges",
        title="Chantier : les métiers du patrimoine au collège",
        kind=ProjectPage.Kind.WORKSHOP,
        summary="Un chantier thématique pour ouvrir les stages de troisième et les visites de chantiers aux collégiens.",  # noqa: E501
        problem="<p>Les collégiens connaissent mal les métiers de la restauration du patrimoine ; nos membres "  # noqa: E501
        "reçoivent peu de stagiaires de troisième.</p>",
        expected_results="<p>Une offre de stages et de visites lisible par les collèges de deux départements.</p>",  # noqa: E501
        means="<p>Une demi-journée par mois de la chargée de mission, les locaux des membres pour les réunions.</p>",  # noqa: E501
        budget_note="Sans budget propre la première année",
        referent_name="Co-présidente du réseau",
        referent_organisation="Pôle Patrimoine",
        referent_email="chantiers@example.org",
        board_member="Un administrateur, artisan tailleur de pierre",
        staff_contact="Chargée de mission jeunes",
        call_text="<p>Le chantier cherche des entreprises, des écoles et des collectivités prêtes à accueillir "  # noqa: E501
        "des collégiens.</p>",
        call_deadline=_days(-120),
        topics=[topics["faire-connaitre-les-metiers-aux-jeunes"]],
        themes=[term for term in [_theme("transmission")] if term],
        member_structures=actors,
        meetings=meetings,
        objectives=[
            ProjectObjective(text="Recenser les membres prêts à accueillir des stagiaires de troisième"),
            ProjectObjective(text="Présenter ces métiers dans deux collèges pilotes"),
            ProjectObjective(text="Produire un guide d'accueil pour les entreprises"),
        ],
        deliverables=[
            ProjectDeliverable(
                title="Liste des lieux d'accueil",
                due_on=_days(-30),
                status="delivered",
                delivered_on=_days(-35),
            ),
            ProjectDeliverable(
                title="Guide d'accueil des collégiens", due_on=_days(60), status="in-progress"
            ),
        ],
        members=[
            ProjectMember(name="Une professeure de technologie", role="Lien avec les collèges"),
            ProjectMember(name="Un compagnon charpentier", role="Visites de chantier"),
        ],
    )
    created += was_created

    project, was_created = ensure_page(
        projects_index,
        ProjectPage,
        "projet-observatoire-emploi",
        title="Projet : un observatoire de l'emploi du patrimoine",
        kind=ProjectPage.Kind.PROJECT,
        summary="Une fiche projet pour compter et décrire les emplois de la filière en région.",
        problem="<p>Les chiffres de l'emploi de la filière sont épars : aucun état des lieux partagé.</p>",
        expected_results="<p>Un premier état des lieux publié et mis à jour chaque année.</p>",
        means="<p>Un stage de six mois, les données publiques, une enquête auprès des membres.</p>",
        budget="8000.00",
        budget_note="Demande de soutien à la Région",
        referent_name="Trésorier du réseau",
        referent_organisation="Pôle Patrimoine",
        referent_email="observatoire@example.org",
        staff_contact="Coordinatrice",
        topics=[topics["observer-l-emploi-dans-la-filiere"]],
        themes=[term for term in [_theme("cooperation")] if term],
        objectives=[
            ProjectObjective(text="Définir le périmètre de la filière"),
            ProjectObjective(text="Lancer l'enquête"),
        ],
        recommendations=[
            ProjectRecommendation(
                audience="public-bodies",
                text="Associer le réseau aux études régionales sur l'emploi culturel.",
            ),
        ],
    )
    created += was_created

    mediation, was_created = ensure_page(
        projects_index,
        ProjectPage,
        "chantier-outils-de-mediation",
        title="Chantier : des outils de médiation partagés",
        kind=ProjectPage.Kind.WORKSHOP,
        summary="Un chantier qui cherche ses membres : mettre en commun les outils de médiation des petits lieux.",  # noqa: E501
        problem="<p>Chaque petit lieu de patrimoine industriel conçoit seul ses outils de médiation.</p>",
        referent_name="Administratrice d'un musée technique",
        referent_organisation="Un musée adhérent",
        referent_email="mediation@example.org",
        staff_contact="Coordinatrice",
        call_text="<p>Médiateurs, bénévoles et responsables de lieux : rejoignez le groupe pour inventorier "
        "et partager vos outils.</p>",
        call_deadline=_days(45),
        topics=[topics["mutualiser-des-outils-de-mediation"]],
        themes=[term for term in [_theme("cooperation")] if term],
    )
    created += was_created

    # The topics' fate, and the steps taken (once).
    TopicPage.objects.filter(
        slug__in=[
            "faire-connaitre-les-metiers-aux-jeunes",
            "observer-l-emploi-dans-la-filiere",
            "mutualiser-des-outils-de-mediation",
        ]
    ).update(outcome=TopicPage.Outcome.CONVERTED, decided_on=_days(-250))
    TopicPage.objects.filter(slug="relais-locaux-dans-les-departements").update(
        outcome=TopicPage.Outcome.KEPT,
        decided_on=_days(-100),
        decision_note="À reprendre avec les départements en 2026.",
    )
    position = STAGE_ORDER.index(Stage.UNDER_WAY)
    created += _record_steps(
        workshop, [(stage, _days(-240 + 30 * i)) for i, stage in enumerate(STAGE_ORDER[1 : position + 1])]
    )
    created += _record_steps(project, [(Stage.VALIDATED, _days(-200))])
    created += _record_steps(mediation, [(Stage.VALIDATED, _days(-40)), (Stage.CALL, _days(-10))])

    # A meeting day's programme takes up the first topic (the timeline shows it).
    if discussed_at is not None:
        event = discussed_at
        draft = event.get_latest_revision_as_object()
        sessions = list(draft.programme.raw_data)
        if not any(session["value"].get("title") == FORUM_SESSION for session in sessions):
            wanted = topics["faire-connaitre-les-metiers-aux-jeunes"].pk
            session = {
                "start": "16:00:00",
                "end": "17:00:00",
                "title": FORUM_SESSION,
                "speakers": "",
                "page": None,
            }
            sessions.append({"type": "session", "value": {**session, "topics": [wanted]}})
            draft.programme = sessions
            draft.save_revision().publish()
            created += 1

    _plan, was_created = ensure_page(
        home,
        ActionPlanPage,
        "plan-d-action-filiere",
        title="Plan d'action de la filière patrimoine 2024-2027",
        period="2024-2027",
        summary="Les enjeux partagés de la filière, ses pistes d'action et où elles en sont.",
        diagnosis="<p>Le secteur rassemble associations, collectivités, services de l'État, propriétaires, écoles "  # noqa: E501
        "et très petites entreprises ; leurs liens sont nombreux mais le travail reste cloisonné. Les membres "  # noqa: E501
        "demandent de la visibilité, des données et des lieux d'échange.</p>",
        steering_committee=actors,
        issues=plan_blocks(
            [
                {
                    "title": "Structurer la filière en région",
                    "keywords": "décloisonnement, parole collective, représentation",
                    "comments": "Le conseil d'administration joue le rôle de forum des sujets transverses.",
                    "resource_people": "Le bureau du réseau, les têtes de réseau régionales",
                    "tracks": [
                        {
                            "title": "Réunir les acteurs lors des journées ConneXionS",
                            "status": "under-way",
                            "pilot": "Équipe salariée",
                            "starts_on": "2024-01-01",
                            "ends_on": "2027-12-31",
                            "comments": "",
                            "projects": [],
                            "indicators": [
                                {
                                    "label": "Journées tenues par an",
                                    "target": "3",
                                    "value": "2",
                                    "measured_on": "2025-06-30",
                                }
                            ],
                        },
                        {
                            "title": "Créer un observatoire de l'emploi",
                            "status": "planned",
                            "pilot": "Trésorier",
                            "starts_on": "2025-09-01",
                            "ends_on": None,
                            "comments": "",
                            "projects": [project.pk],
                            "indicators": [],
                        },
                    ],
                },
                {
                    "title": "Transmettre les métiers et les savoir-faire",
                    "keywords": "jeunes, apprentissage, stages, transmission",
                    "comments": "",
                    "resource_people": "Les écoles et les entreprises membres",
                    "tracks": [
                        {
                            "title": "Ouvrir les métiers aux collégiens",
                            "status": "under-way",
                            "pilot": "Action Jeunes-Pros",
                            "starts_on": "2024-09-01",
                            "ends_on": "2026-06-30",
                            "comments": "",
                            "projects": [workshop.pk],
                            "indicators": [
                                {
                                    "label": "Lieux d'accueil recensés",
                                    "target": "20",
                                    "value": "12",
                                    "measured_on": None,
                                }
                            ],
                        },
                        {
                            "title": "Publier les fiches métiers du centre de ressources",
                            "status": "done",
                            "pilot": "Équipe salariée",
                            "starts_on": "2024-01-01",
                            "ends_on": "2025-03-31",
                            "comments": "",
                            "projects": [],
                            "indicators": [],
                        },
                    ],
                },
                {
                    "title": "Ancrer le réseau dans les territoires",
                    "keywords": "relais locaux, départements, collectivités",
                    "comments": "",
                    "resource_people": "",
                    "tracks": [
                        {
                            "title": "Désigner des relais départementaux",
                            "status": "paused",
                            "pilot": "Bureau",
                            "starts_on": None,
                            "ends_on": None,
                            "comments": "Sujet gardé pour plus tard par le bureau.",
                            "projects": [],
                            "indicators": [],
                        },
                    ],
                },
            ]
        ),
    )
    created += was_created
    return created
