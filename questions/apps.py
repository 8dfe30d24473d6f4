from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questions"
    verbose_name = _("Questions to the circle")

    def ready(self):
        from django.db.models.signals import pre_delete

        from . import transitions
        from .models import ResourcePerson

        # A person deleted on request takes their name out of the questions' history.
        pre_delete.connect(
            lambda instance, **kwargs: transitions.forget_person(instance),
            sender=ResourcePerson,
            weak=False,
            dispatch_uid="questions.forget_person",
        )
