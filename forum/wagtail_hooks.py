from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

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
