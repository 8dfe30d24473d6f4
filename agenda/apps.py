from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The network's agenda: events, registrations, calendars."""

    name = "agenda"
    verbose_name = _("Agenda")
