from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import MeetingDay, Speaker
from .taxonomy import Audience, ContractKind, Department, Domain, Material, Theme, TrainingLevel


def taxonomy_viewset(term_model, menu_icon="tag"):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "icon": menu_icon,
            "list_display": ["name", "slug"],
            "search_fields": ["name"],
            "ordering": term_model._meta.ordering,
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = [
        taxonomy_viewset(Domain, "folder-open-inverse"),
        taxonomy_viewset(Material, "cogs"),
        taxonomy_viewset(Department, "site"),
        taxonomy_viewset(Audience, "group"),
        taxonomy_viewset(Theme, "tag"),
        taxonomy_viewset(TrainingLevel, "order"),
        taxonomy_viewset(ContractKind, "doc-full"),
    ]


register_snippet(TaxonomyGroup)


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "organisation"]


class MeetingDayViewSet(SnippetViewSet):
    model = MeetingDay
    icon = "date"
    menu_label = _("Meeting days")
    list_display = ["title", "date", "place"]
    ordering = ["-date"]


class ReplaysGroup(SnippetViewSetGroup):
    menu_label = _("Replays")
    menu_icon = "media"
    menu_order = 310
    items = [MeetingDayViewSet, SpeakerViewSet]


register_snippet(ReplaysGroup)
