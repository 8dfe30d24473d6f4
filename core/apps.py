from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app stands on; it imports no other app of the project."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import generation, tree

        generation.connect_signals()
        tree.connect_signals()
