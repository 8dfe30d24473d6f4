"""Demo: a circle of twelve fictitious resource persons, twenty questions in every state (some
late), six answers published as « question and answer » pages. Idempotent.

The questions are dated from today, so that the desk always shows late ones. They are built in
their state directly (no mail is sent while the demo loads); the log says « demo ».
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale

from actors.models import ActorPage
from core.demo_tools import ensure_page, site_home_page
from knowledge.models import Department, Domain, LabelPage, Material
from trades.models import TradeProfilePage

from .models import Assignment, Question, ResourcePerson
from .pages import QuestionAnswerIndexPage
from .publication import draft_public_page
from .working_days import add_working_days

INDEX_INTRO = (
    "<p>Un porteur de projet se pose une question ? Le réseau la confie à un cercle de personnes "
    "ressources qui cherchent la réponse dans leurs réseaux et la rapportent dans un délai annoncé. "
    "Voici, anonymisées, quelques-unes des réponses déjà données.</p>"
)

# name, e-mail, domains, materials, departments (codes; none: the whole region), other skills,
# languages, days away (None: available), organisation's name start (None: none)
PERSONS = [
    (
        "Hélène Vasseur",
        "helene.vasseur",
        ["patrimoine-bati", "restauration"],
        ["tuffeau", "pierre", "chaux"],
        ["49"],
        "Enduits et badigeons, bâti ligérien",
        "fr",
        None,
        "Compagnons du Devoir et du Tour de France - Maison",
    ),
    (
        "Yann Le Goff",
        "yann.legoff",
        ["patrimoine-bati"],
        ["ardoise", "bois"],
        ["44", "85"],
        "Couverture et charpente traditionnelles",
        "fr, br",
        None,
        "Compagnons du Devoir et du Tour de France - CFA",
    ),
    (
        "Salomé Tessier",
        "salome.tessier",
        ["verre-cristal"],
        ["verre"],
        [],
        "Vitrail ancien, mise en plomb",
        "fr, en",
        None,
        None,
    ),
    (
        "Bernard Guilloux",
        "bernard.guilloux",
        ["ameublement-decoration", "restauration"],
        ["bois", "feuille-dor"],
        ["72"],
        "Dorure à la feuille, restauration de mobilier",
        "fr",
        None,
        None,
    ),
    (
        "Inès Bouchard",
        "ines.bouchard",
        ["textile", "mode-accessoires"],
        ["textile"],
        [],
        "Tapisserie, conservation des textiles anciens",
        "fr, es",
        None,
        None,
    ),
    (
        "Patrice Moreau",
        "patrice.moreau",
        ["metal", "bijouterie-joaillerie-orfevrerie-horlogerie"],
        ["metal"],
        ["53"],
        "Ferronnerie d'art, horlogerie d'édifice",
        "fr",
        20,
        None,
    ),
    (
        "Claire Dupuis",
        "claire.dupuis",
        ["architecture-jardins"],
        ["terre-cuite", "pierre"],
        ["85"],
        "Jardins historiques, dossiers « Jardin remarquable »",
        "fr, en",
        None,
        None,
    ),
    (
        "Mathieu Rondeau",
        "mathieu.rondeau",
        ["ceramique", "patrimoine-bati"],
        ["ceramique", "terre-cuite"],
        [],
        "Carreaux et tuiles anciens",
        "fr",
        None,
        None,
    ),
    (
        "Sophie Lambert",
        "sophie.lambert",
        ["papier-graphisme-impression", "cuir"],
        ["papier", "cuir"],
        [],
        "Reliure, conservation d'archives privées",
        "fr, de",
        None,
        None,
    ),
    (
        "Jean-Luc Perrin",
        "jeanluc.perrin",
        ["facture-instrumentale", "spectacle"],
        ["bois", "metal"],
        ["44"],
        "Orgues et instruments anciens",
        "fr",
        None,
        None,
    ),
    (
        "Maëlle Guérin",
        "maelle.guerin",
        ["patrimoine-bati"],
        ["chaume-et-vegetaux", "platre"],
        ["44", "49"],
        "Chaume de Brière, plâtres et staff",
        "fr",
        None,
        None,
    ),
    (
        "Olivier Chevalier",
        "olivier.chevalier",
        ["luminaire", "tabletterie", "jeux-jouets-ouvrages-mecaniques"],
        ["metal", "bois"],
        [],
        "Aides et subventions, montage de dossiers",
        "fr, en",
        None,
        None,
    ),
]

# Labels and trades some persons know (by the start of the title), for routing on those themes.
PERSON_LABELS = {
    "Hélène Vasseur": ["Monument historique", "Site patrimonial"],
    "Claire Dupuis": ["Jardin remarquable"],
    "Olivier Chevalier": ["Entreprise du Patrimoine Vivant", "Petites Cités"],
}
PERSON_TRADES = {"Yann Le Goff": ["Couvreur", "Charpentier"], "Salomé Tessier": ["Vitrail", "Maître verrier"]}

S = Question.Status
# status, days ago received, late?, department code, materials, domains, text, context, answer
QUESTIONS = [
    (
        S.RECEIVED,
        1,
        False,
        "49",
        ["tuffeau"],
        ["patrimoine-bati"],
        "Peut-on nettoyer une façade en tuffeau au karcher ?",
        "Maison de maître du XIXe siècle, façade noircie.",
        "",
    ),
    (
        S.RECEIVED,
        2,
        False,
        "85",
        ["terre-cuite"],
        ["architecture-jardins"],
        "Où trouver des poteries anciennes pour un potager restauré ?",
        "Jardin de presbytère.",
        "",
    ),
    (
        S.RECEIVED,
        6,
        True,
        "53",
        ["metal"],
        ["metal"],
        "Qui peut restaurer une grille en fer forgé du XVIIIe siècle ?",
        "Grille de château, inscrite.",
        "",
    ),
    (
        S.ROUTED,
        2,
        False,
        "44",
        ["ardoise"],
        ["patrimoine-bati"],
        "Ardoise d'Angers ou d'Espagne pour une chapelle ?",
        "Chapelle communale, toiture à refaire.",
        "",
    ),
    (
        S.ROUTED,
        3,
        False,
        "72",
        ["feuille-dor"],
        ["ameublement-decoration"],
        "Comment entretenir un retable doré ?",
        "Église paroissiale, association de sauvegarde.",
        "",
    ),
    (
        S.ROUTED,
        8,
        True,
        "49",
        ["verre"],
        ["verre-cristal"],
        "Des vitraux cassés par la grêle : qui appeler en urgence ?",
        "Église rurale.",
        "",
    ),
    (
        S.SEARCHING,
        4,
        False,
        "44",
        ["chaume-et-vegetaux"],
        ["patrimoine-bati"],
        "Quelle assurance pour une chaumière ?",
        "Chaumière de Brière, achat récent.",
        "",
    ),
    (
        S.SEARCHING,
        6,
        False,
        "",
        ["textile"],
        ["textile"],
        "Comment conserver des bannières de procession ?",
        "Fonds d'une paroisse.",
        "",
    ),
    (
        S.SEARCHING,
        20,
        True,
        "49",
        ["pierre", "chaux"],
        ["patrimoine-bati"],
        "Faut-il rejointoyer un mur de clôture en pierre sèche ?",
        "Mur de 40 mètres, en partie effondré.",
        "",
    ),
    (
        S.SEARCHING,
        22,
        True,
        "",
        ["papier"],
        ["papier-graphisme-impression"],
        "Des archives familiales moisies : que faire ?",
        "Une malle retrouvée dans un grenier.",
        "",
    ),
    (
        S.ANSWERED,
        9,
        False,
        "85",
        ["pierre"],
        ["architecture-jardins"],
        "Comment monter un dossier « Jardin remarquable » ?",
        "Parc privé ouvert au public.",
        "Le dossier se dépose auprès de la DRAC ; prévoir un plan de gestion et des photos anciennes.",
    ),
    (
        S.ANSWERED,
        16,
        True,
        "72",
        ["bois"],
        ["ameublement-decoration"],
        "Un menuisier pour des volets anciens ?",
        "Maison de bourg en secteur protégé.",
        "Plusieurs ateliers de la Sarthe restaurent les volets ; demander un devis détaillé.",
    ),
    (
        S.CLOSED,
        40,
        False,
        "49",
        ["tuffeau", "chaux"],
        ["patrimoine-bati"],
        "Quel enduit pour un mur en tuffeau ?",
        "Longère près de Saumur.",
        "Un enduit à la chaux aérienne, jamais de ciment : il laisse migrer l'humidité.\n\n"
        "Demandez conseil au CAUE avant les travaux.",
    ),
    (
        S.CLOSED,
        45,
        False,
        "44",
        ["ardoise", "bois"],
        ["patrimoine-bati"],
        "Clous ou crochets pour poser l'ardoise ?",
        "Restauration d'un manoir.",
        "Sur un édifice ancien, le clou en cuivre reste la règle ; le crochet se voit davantage.",
    ),
    (
        S.CLOSED,
        60,
        False,
        "",
        ["verre"],
        ["verre-cristal"],
        "Comment protéger un vitrail ancien de l'extérieur ?",
        "Chapelle privée.",
        "Une verrière de protection ventilée, posée par un maître verrier, évite la condensation.",
    ),
    (
        S.CLOSED,
        75,
        False,
        "72",
        ["feuille-dor"],
        ["restauration"],
        "Dorure à l'eau ou à la mixtion pour un cadre ?",
        "Cadre de tableau du XIXe siècle.",
        "La dorure à l'eau pour un cadre ancien ; la mixtion pour l'extérieur.",
    ),
    (
        S.CLOSED,
        90,
        False,
        "85",
        ["terre-cuite"],
        ["patrimoine-bati"],
        "Où trouver des tuiles de réemploi ?",
        "Grange vendéenne.",
        "Les plateformes de réemploi de matériaux et certains couvreurs gardent des tuiles anciennes.",
    ),
    (
        S.CLOSED,
        100,
        False,
        "53",
        ["metal"],
        ["metal"],
        "Peut-on repeindre une horloge d'édifice ?",
        "Horloge de mairie, mécanisme arrêté.",
        "Oui, après un diagnostic du mécanisme par un horloger spécialisé ; garder la teinte d'origine.",
    ),
    (S.REJECTED, 30, False, "44", [], [], "Pouvez-vous estimer le prix de ma maison ?", "", ""),
    (
        S.REDIRECTED,
        25,
        False,
        "49",
        ["pierre"],
        ["patrimoine-bati"],
        "Ai-je besoin d'une autorisation pour changer mes fenêtres près d'un monument ?",
        "Abords d'une église classée.",
        "",
    ),
]
FINISH_REASONS = {
    S.REJECTED: "Le réseau ne fait pas d'estimation immobilière : adressez-vous à un notaire.",
    S.REDIRECTED: "L'Unité départementale de l'architecture et du patrimoine (UDAP) répond à cette question.",
}
ASKERS = ["Camille", "Dominique", "Alex", "Claude", "Morgan", "Sacha", "Jo", "Lou", "Noa", "Eden"]


def _terms(model, slugs):
    return list(model.objects.filter(locale__language_code="fr", slug__in=slugs))


def _pages(model, starts):
    pages = []
    for start in starts:
        page = model.objects.filter(locale__language_code="fr", title__istartswith=start).first()
        if page is not None:
            pages.append(page)
    return pages


def build_persons() -> int:
    created = 0
    today = timezone.localdate()
    for name, login, domains, materials, departments, skills, languages, away, organisation in PERSONS:
        if ResourcePerson.objects.filter(name=name).exists():
            continue
        person = ResourcePerson.objects.create(
            name=name,
            email=f"{login}@example.org",
            other_skills=skills,
            languages=languages,
            away_until=today + timedelta(days=away) if away else None,
            committed_on=date(2026, 1, 15),
            consent_given_on=date(2026, 1, 15),
            organisation=ActorPage.objects.filter(title__startswith=organisation).first()
            if organisation
            else None,
        )
        person.domains.set(_terms(Domain, domains))
        person.materials.set(_terms(Material, materials))
        person.departments.set(Department.objects.filter(locale__language_code="fr", code__in=departments))
        person.labels.set(_pages(LabelPage, PERSON_LABELS.get(name, [])))
        person.trades.set(_pages(TradeProfilePage, PERSON_TRADES.get(name, [])))
        created += 1
    return created


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _suited(question) -> list[ResourcePerson]:
    materials = set(question.materials.values_list("slug", flat=True))
    persons = [p for p in ResourcePerson.objects.prefetch_related("materials") if p.is_available()]
    matching = [p for p in persons if materials & {m.slug for m in p.materials.all()}]
    return matching or persons[:1]


def build_questions() -> int:
    if Question.objects.exists():
        return 0
    days = settings.QUESTIONS_WORKING_DAYS
    today = timezone.localdate()
    for number, (status, ago, late, department, materials, domains, text, context, answer) in enumerate(
        QUESTIONS
    ):
        received = today - timedelta(days=ago)
        question = Question.objects.create(
            status=status,
            channel=[Question.Channel.SITE, Question.Channel.PHONE, Question.Channel.MAIL][number % 3],
            text=text,
            context=context,
            department=Department.objects.filter(locale__language_code="fr", code=department).first(),
            structure_kind=Question.StructureKind.values[number % len(Question.StructureKind.values)],
            asker_name=f"{ASKERS[number % len(ASKERS)]} (fictif)",
            asker_email=f"demandeur{number + 1}@example.org",
            received_at=_at(received),
            promised_on=add_working_days(received, settings.QUESTIONS_PROMISED_WORKING_DAYS),
            answer=answer,
        )
        question.materials.set(_terms(Material, materials))
        question.domains.set(_terms(Domain, domains))
        log(question, "questions.receive", data={"demo": True}, timestamp=question.received_at)
        if status == S.RECEIVED:
            question.due_on = add_working_days(received, days["route"])
        elif status in (S.ROUTED, S.SEARCHING, S.ANSWERED, S.CLOSED):
            person = _suited(question)[0]
            offered = received + timedelta(days=1)
            assignment = Assignment(question=question, person=person, offered_at=_at(offered))
            if status == S.ROUTED:
                assignment.due_on = add_working_days(offered, days["accept"])
                question.due_on = assignment.due_on
            else:
                accepted = offered + timedelta(days=1)
                assignment.responded_at = _at(accepted)
                assignment.due_on = add_working_days(accepted, days["answer"])
                assignment.status = Assignment.Status.ACCEPTED
                question.due_on = assignment.due_on
                if status in (S.ANSWERED, S.CLOSED):
                    answered = min(today, accepted + timedelta(days=3 if not late else 12))
                    assignment.status = Assignment.Status.ANSWERED
                    assignment.answer = answer
                    assignment.answered_at = _at(answered)
                    question.due_on = add_working_days(answered, days["review"])
                if status == S.CLOSED:
                    question.answer_sent_at = question.finished_at = _at(answered + timedelta(days=1))
                    question.due_on = None
            assignment.save()
        else:
            question.finished_at = _at(received + timedelta(days=2))
            question.finish_reason = FINISH_REASONS[status]
        if late and question.due_on and question.due_on >= today:
            question.due_on = today - timedelta(days=2)  # the desk's late ones, whatever the weekday
            Assignment.objects.filter(question=question, status__in=Assignment.OPEN).update(
                due_on=question.due_on
            )
        question.save()
    return len(QUESTIONS)


def build_answers() -> int:
    """The index page, and the closed questions published (reviewed, then made live)."""
    created = 0
    _index, was_created = ensure_page(
        site_home_page(),
        QuestionAnswerIndexPage,
        "questions-reponses",
        title="Questions et réponses",
        show_in_menus=True,
        summary="Les réponses du cercle des personnes ressources, anonymisées ; posez-y la vôtre.",
        intro=INDEX_INTRO,
    )
    created += was_created
    for question in Question.objects.filter(status=S.CLOSED, published_page__isnull=True):
        page = draft_public_page(question)
        page.get_latest_revision().publish()
        created += 1
    return created


def build() -> int:
    if not Locale.objects.filter(language_code="fr").exists():
        return 0
    return build_persons() + build_questions() + build_answers()
