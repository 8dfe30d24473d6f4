"""factory_boy factories of the agenda (wagtail_factories for the pages)."""

from datetime import timedelta

import factory
from django.utils import timezone

from agenda.models import (
    AttendanceMode,
    EventIndexPage,
    EventKind,
    EventPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from agenda.registrations import Registration

from . import IndexPageFactory, PageFactory


class EventIndexPageFactory(IndexPageFactory):
    title = "Agenda"
    slug = "agenda"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Journée ConneXionS {n}")
    slug = factory.Sequence(lambda n: f"journee-{n}")
    kind = EventKind.CONNEXIONS
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=30))
    end = factory.LazyAttribute(lambda page: page.start + timedelta(hours=7))
    attendance_mode = AttendanceMode.IN_PERSON
    venue = "Abbaye de Fontevraud"
    address = "Rue Saint-Jean-de-l'Habit"
    registration_open = True
    capacity = 2
    waiting_list = True
    notify_emails = "organisation@example.org"

    class Meta:
        model = EventPage


class WorkingGroupIndexPageFactory(IndexPageFactory):
    title = "Groupes de travail"
    slug = "groupes"

    class Meta:
        model = WorkingGroupIndexPage


class WorkingGroupPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Groupe {n}")
    slug = factory.Sequence(lambda n: f"groupe-{n}")
    objectives = "<p>Partager les pratiques.</p>"
    rhythm = "Une fois par trimestre"
    referent_name = "Camille Referente"
    referent_role = "Chargée de mission"
    referent_organisation = "Pôle Patrimoine"
    referent_email = "referente.secrete@example.org"

    class Meta:
        model = WorkingGroupPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Personne {n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    status = Registration.Status.CONFIRMED

    class Meta:
        model = Registration
