"""factory_boy factories of the forum: topics, workshops and projects, the action plan."""

import factory

from forum.models import ActionPlanPage, ProjectIndexPage, ProjectPage, TopicIndexPage, TopicPage

from . import IndexPageFactory, PageFactory


class TopicIndexPageFactory(IndexPageFactory):
    title = "Forum des adhérents"
    slug = "forum"
    summary = "Les sujets que les membres soumettent au bureau."

    class Meta:
        model = TopicIndexPage


class TopicPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Sujet numéro {n}")
    slug = factory.Sequence(lambda n: f"sujet-{n}")
    structure_name = "Association des amis du patrimoine"
    problem = "Les jeunes ne connaissent pas les métiers du patrimoine."
    why_it_matters = "Les entreprises peinent à recruter."

    class Meta:
        model = TopicPage


class ProjectIndexPageFactory(IndexPageFactory):
    title = "Chantiers et projets"
    slug = "chantiers"

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Chantier numéro {n}")
    slug = factory.Sequence(lambda n: f"chantier-{n}")
    kind = ProjectPage.Kind.WORKSHOP
    problem = "<p>Rendre visibles les métiers.</p>"

    class Meta:
        model = ProjectPage


class ActionPlanPageFactory(PageFactory):
    title = "Plan d'action de la filière patrimoine 2024-2027"
    slug = "plan-d-action"
    period = "2024-2027"

    class Meta:
        model = ActionPlanPage


def topic_index(home_page, **fields):
    return TopicIndexPageFactory(parent=home_page, revision=True, **fields)


def project_index(home_page, **fields):
    return ProjectIndexPageFactory(parent=home_page, revision=True, **fields)


def topic(index, **fields):
    themes = fields.pop("themes", [])
    page = TopicPageFactory(parent=index, revision=not themes, **fields)
    if themes:
        page.themes.set(themes)
        page.save_revision().publish()
    return page


def project(index, **fields):
    relations = {
        name: fields.pop(name) for name in ("themes", "departments", "topics", "meetings") if name in fields
    }
    page = ProjectPageFactory(parent=index, **fields)
    for name, values in relations.items():
        getattr(page, name).set(values)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
