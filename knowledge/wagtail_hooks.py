from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.desk import DeskPanel, desk, page_permission
from core.reviews import review_panel

from .models import KnowHowPage, LabelPage, MeetingDay, ReplayChapter, ReplayPage, Speaker
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


# --- The editors' desk (core/desk.py) ---------------------------------------------------------

desk.register(review_panel(KnowHowPage, key="know-how-review", title=_("Know-how to review"), order=220))
desk.register(
    review_panel(LabelPage, key="labels-review", title=_("Labels and charters to review"), order=230)
)


def replays_to_complete():
    return (
        ReplayPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(has_chapters=Exists(ReplayChapter.objects.filter(replay=OuterRef("pk"))))
        .filter(Q(transcript="") | Q(has_chapters=False))
        .select_related("meeting_day")
        .order_by("-meeting_day__date", "title")
    )


def missing_in_replay(replay) -> str:
    missing = []
    if not replay.transcript:
        missing.append(str(_("no transcript")))
    if not replay.has_chapters:
        missing.append(str(_("no chapters")))
    return " · ".join(missing)


desk.register(
    DeskPanel(
        key="replays-to-complete",
        title=_("Replays without transcript or chapters"),
        description=_(
            "A transcript makes the video readable and searchable; chapters let visitors jump to a part."
        ),
        items=replays_to_complete,
        permission=page_permission(ReplayPage),
        note=missing_in_replay,
        order=310,
    )
)
