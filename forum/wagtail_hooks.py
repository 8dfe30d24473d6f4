from django.conf import settings
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from core.desk import DeskPanel, desk, model_permission

from . import admin_views, decisions, lifecycle
from .models import ActionPlanPage, ProjectPage, TopicPage


@hooks.register("register_admin_urls")
def register_forum_urls():
    return [
        path("forum/topic/<int:page_id>/decide/", admin_views.decide_topic, name="forum_decide_topic"),
        path("forum/project/<int:page_id>/step/", admin_views.take_step, name="forum_take_step"),
        path("forum/plan/<int:page_id>/import/", admin_views.import_plan, name="forum_import_plan"),
        path(
            "forum/plan/<int:page_id>/export/<str:file_format>/",
            admin_views.export_plan,
            name="forum_export_plan",
        ),
    ]


@hooks.register("register_page_header_buttons")
def forum_page_buttons(page, user, view_name, next_url=None):
    """The forum's actions, in the page's header menu in the admin, for those who may take them."""
    specific_class = page.specific_class
    if specific_class is TopicPage and user.has_perm(decisions.DECIDE_PERMISSION):
        yield Button(
            _("Decide on this topic"),
            reverse("forum_decide_topic", args=[page.pk]),
            icon_name="tasks",
            priority=25,
        )
    elif specific_class is ProjectPage:
        step = lifecycle.next_step(page.specific_deferred)
        if step is not None and lifecycle.may_take(user, step):
            yield Button(
                step.label, reverse("forum_take_step", args=[page.pk]), icon_name="arrow-right", priority=25
            )
    elif specific_class is ActionPlanPage:
        yield Button(
            _("Import the plan"),
            reverse("forum_import_plan", args=[page.pk]),
            icon_name="upload",
            priority=25,
        )
        for file_format in ("csv", "xlsx"):
            yield Button(
                _("Export the plan (%(format)s)") % {"format": file_format.upper()},
                reverse("forum_export_plan", args=[page.pk, file_format]),
                icon_name="download",
                priority=26,
            )


# --- The editors' desk (core/desk.py): topics waiting for the board ------------------------------


def topics_waiting_for_the_board():
    """Topics confirmed by their sender and never published: in the board's moderation."""
    return (
        TopicPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, first_published_at__isnull=True
        )
        .filter(has_unpublished_changes=True)
        .order_by("latest_revision_created_at", "title")
    )


desk.register(
    DeskPanel(
        key="forum-topics-waiting",
        title=_("Forum topics waiting for the board"),
        description=_("Topics proposed by member structures and confirmed by mail: accept or reject them."),
        items=topics_waiting_for_the_board,
        permission=model_permission(decisions.DECIDE_PERMISSION),
        note=lambda topic: (
            _("proposed on %(date)s")
            % {"date": date_format(timezone.localtime(topic.latest_revision_created_at), "j F")}
        ),
        order=430,
    )
)
