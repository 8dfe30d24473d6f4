from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """The members' forum: topics, thematic workshops and project sheets, the sector action plan."""

    name = "forum"
    verbose_name = _("Forum, workshops and action plan")
