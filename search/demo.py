"""Demo: the synonym groups editors would keep, from what young visitors type."""

from .models import SynonymGroup

DEMO_SYNONYM_GROUPS = [
    "tableau, peinture, toile, œuvre d'art",
    "restauration, restaurer, restaurateur, restauratrice",
    "vitrail, vitraux, verrière",
    "apprentissage, alternance, apprenti, apprentie",
    "toit, toiture, couverture, couvreur",
    "bénévolat, bénévole, volontariat, volontaire",
    "carrelage, carreau, tomette",
    "fouille, archéologie, archéologique, archéologue",
    "guide, guide touristique, visite guidée, guide-conférencier",
    "fresque, peinture murale, fresquiste",
    "bateau, navire, marine",
    "marais salant, sel, saline, paludier",
    "mosaïque, mosaïste",
    "fauteuil, siège, chaise",
    "tissu, textile",
    "charpente, charpentier, charpentière",
    # The English site's visitors: a group serves every language, so each language has its own.
    "painting, picture, canvas, artwork",
    "restoration, restore, restorer, conservator",
    "stained glass, leaded light",
    "apprenticeship, apprentice, work-study, traineeship",
    "roof, roofing, roofer",
    "volunteering, volunteer",
    "excavation, dig, archaeology, archaeologist",
    "tour guide, guided tour, guide",
    "fresco, mural, wall painting",
    "salt marsh, salt pan, salt worker",
    "carpentry, carpenter, timber frame, framing",
    "stonemason, stone cutter, mason",
]


def build() -> int:
    created = 0
    for terms in DEMO_SYNONYM_GROUPS:
        _group, was_created = SynonymGroup.objects.get_or_create(terms=terms)
        created += was_created
    return created
