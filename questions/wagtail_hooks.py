import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.desk import DeskPanel, desk, model_permission
from knowledge.models import Department, Domain, LabelPage, Material
from trades.models import TradeProfilePage

from . import transitions
from .admin_views import DESK_PERMISSION, FiguresView, QuestionDeskView, export_figures
from .models import Question, ResourcePerson


def desk_url(question):
    return reverse("questions_desk", args=[question.pk])


class QuestionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Question.Status.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.filter(locale__language_code="fr")
    )
    domains = django_filters.ModelChoiceFilter(
        label=_("Domain"), queryset=Domain.objects.filter(locale__language_code="fr")
    )
    materials = django_filters.ModelChoiceFilter(
        label=_("Material"), queryset=Material.objects.filter(locale__language_code="fr")
    )
    labels = django_filters.ModelChoiceFilter(
        label=_("Label"), queryset=LabelPage.objects.filter(locale__language_code="fr").order_by("title")
    )
    trades = django_filters.ModelChoiceFilter(
        label=_("Trade"),
        queryset=TradeProfilePage.objects.filter(locale__language_code="fr").order_by("title"),
    )
    person = django_filters.ModelChoiceFilter(
        label=_("Resource person"),
        queryset=ResourcePerson.objects.all(),
        field_name="assignments__person",
        distinct=True,
    )

    class Meta:
        model = Question
        fields = []


class QuestionViewSet(SnippetViewSet):
    """Questions by status, the late first (the model's ordering: earliest due date first)."""

    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = [
        TitleColumn("reference", label=_("Question"), get_url=desk_url),
        Column("text", label=_("Question"), accessor=lambda q: q.text[:80]),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("department", label=_("Department")),
        DateColumn("due_on", label=_("Current step due on")),
        BooleanColumn("is_late", label=_("Late")),
        DateColumn("received_at", label=_("Received")),
    ]
    filterset_class = QuestionFilterSet
    search_fields = ["text", "context", "commune"]
    list_per_page = 50


class ResourcePersonViewSet(SnippetViewSet):
    model = ResourcePerson
    icon = "user"
    menu_label = _("Resource persons")
    list_display = ["name", "organisation", "languages", BooleanColumn("is_available", label=_("Available"))]
    search_fields = ["name", "other_skills"]


class CircleGroup(SnippetViewSetGroup):
    menu_label = _("The circle")
    menu_icon = "help"
    menu_order = 305
    items = [QuestionViewSet, ResourcePersonViewSet]


register_snippet(CircleGroup)


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [
        path("questions/<int:pk>/desk/", QuestionDeskView.as_view(), name="questions_desk"),
        path("questions/figures/", FiguresView.as_view(), name="questions_figures"),
        path("questions/figures/export.<str:file_format>", export_figures, name="questions_figures_export"),
    ]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("questions.view_question")


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return FiguresMenuItem(
        _("The circle's figures"), reverse("questions_figures"), icon_name="table", order=306
    )


@hooks.register("after_create_snippet")
def receive_logged_question(request, instance):
    """A question the coordinator logs (phone, mail) enters the journey like one from the form."""
    if isinstance(instance, Question):
        transitions.receive(instance, user=request.user)


@hooks.register("register_log_actions")
def register_question_actions(actions):
    for action, (label, message) in transitions.LOG_ACTIONS.items():
        actions.register_action(action, label, message)


# --- The editors' desk (core/desk.py) ---------------------------------------------------------


def questions_to_follow():
    """Questions whose current step is late, or whose answer waits for the coordinators' review."""
    today = timezone.localdate()
    return (
        Question.objects.exclude(status__in=Question.FINISHED)
        .filter(Q(due_on__lt=today) | Q(status=Question.Status.ANSWERED))
        .order_by("due_on", "received_at")
    )


def question_note(question) -> str:
    parts = []
    if question.status == Question.Status.ANSWERED:
        parts.append(str(_("answer to review")))
    if question.is_late():
        parts.append(str(_("late since %(date)s") % {"date": date_format(question.due_on, "j F")}))
    return " · ".join(parts)


desk.register(
    DeskPanel(
        key="questions-to-follow",
        title=_("Questions to the circle: late or awaiting review"),
        description=_(
            "A step past its due date, or an answer written and waiting for your review before it is sent."
        ),
        items=questions_to_follow,
        permission=model_permission(DESK_PERMISSION),
        label=lambda question: f"{question.reference} — {question.text[:70]}",
        note=question_note,
        url_of=desk_url,
        order=410,
    )
)
