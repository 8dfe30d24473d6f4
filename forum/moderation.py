"""The board's moderation of topics: a Wagtail workflow with one task for the « Bureau » group.

``board_workflow(index)`` makes sure the group, its permissions, the task and the workflow exist
and that the forum's index uses the workflow (created once; an administrator may rename them).
A confirmed proposal becomes a draft topic page submitted to it (``submit_proposal``): the board
approves (Wagtail publishes the topic) or asks for changes, in the admin, as for any page.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from .models import TopicIndexPage, TopicPage, TopicProposal

BOARD_GROUP = "Bureau"
WORKFLOW_NAME = "Validation des sujets du forum par le bureau"
TASK_NAME = "Validation par le bureau"
# What the board may do: take the board's lifecycle steps and decide what becomes of topics.
BOARD_PERMISSIONS = ["validate_project", "decide_topic"]


def board_group() -> Group:
    group, created = Group.objects.get_or_create(name=BOARD_GROUP)
    if created:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="forum", codename__in=BOARD_PERMISSIONS)
        )
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


def board_workflow(index: TopicIndexPage) -> Workflow:
    """The board's workflow, used by ``index`` (and so by every topic below it)."""
    group = board_group()
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        # Not through workflow.workflow_tasks: modelcluster keeps that in memory until a save.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in index.get_translations(inclusive=True):
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
        # The board reads and publishes the topics below the forum, and nothing else.
        for permission in ("change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(codename=permission, content_type__app_label="wagtailcore"),
            )
    return workflow


def unique_slug(index, title: str) -> str:
    base = slugify(title)[:70] or "sujet"
    slug, number = base, 2
    taken = set(index.get_children().values_list("slug", flat=True))
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def submit_proposal(proposal: TopicProposal) -> TopicPage:
    """The confirmed proposal as a draft topic in the board's workflow (once: a second click on
    the link finds the topic already made)."""
    with transaction.atomic():
        proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.topic_id:
            return proposal.topic
        index = proposal.index.specific
        workflow = board_workflow(index)
        topic = TopicPage(
            title=proposal.title,
            slug=unique_slug(index, proposal.title),
            locale_id=index.locale_id,
            structure_name=proposal.structure_name,
            problem=proposal.problem,
            why_it_matters=proposal.why_it_matters,
            summary=proposal.problem[:297] + ("…" if len(proposal.problem) > 297 else ""),
            live=False,
        )
        topic.themes.set(list(proposal.themes.all()))
        index.add_child(instance=topic)
        topic.save_revision()
        workflow.start(topic, None)
        proposal.topic = topic
        proposal.confirmed_at = timezone.now()
        proposal.save(update_fields=["topic", "confirmed_at"])
    return topic
