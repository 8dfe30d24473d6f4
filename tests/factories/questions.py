"""factory_boy factories for the circle's models and pages."""

import datetime

import factory

from questions.models import Assignment, Question, QuestionAnswerIndexPage, QuestionAnswerPage, ResourcePerson

from . import IndexPageFactory, PageFactory


class ResourcePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourcePerson
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Personne Ressource {n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    committed_on = datetime.date(2026, 1, 15)
    consent_given_on = datetime.date(2026, 1, 15)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        """skills={"domains": [...], "materials": [...], "departments": [...], ...}"""
        for relation, values in (extracted or {}).items():
            getattr(self, relation).set(values)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    text = "Quel enduit pour un mur en tuffeau ?"
    channel = Question.Channel.SITE
    asker_name = "Camille Martin"
    asker_email = factory.Sequence(lambda n: f"asker{n}@example.org")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        for relation, values in (extracted or {}).items():
            getattr(self, relation).set(values)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    question = factory.SubFactory(QuestionFactory)
    person = factory.SubFactory(ResourcePersonFactory)
    due_on = datetime.date(2026, 12, 31)


class QuestionAnswerIndexPageFactory(IndexPageFactory):
    class Meta:
        model = QuestionAnswerIndexPage

    title = "Questions et réponses"
    slug = "questions-reponses"


class QuestionAnswerPageFactory(PageFactory):
    class Meta:
        model = QuestionAnswerPage

    title = "Quel enduit pour un mur en tuffeau ?"
    slug = factory.Sequence(lambda n: f"enduit-tuffeau-{n}")
    question = "Quel enduit pour un mur en tuffeau ?"
    answer = "<p>Un enduit à la chaux aérienne, jamais de ciment.</p>"
    answered_on = datetime.date(2026, 3, 2)
