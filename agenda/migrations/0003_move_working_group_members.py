"""The directory's working groups (``actors.WorkingGroup``) leave for good: their actor links move
to the agenda's group pages, before the next migrations drop the page's ``legacy_group`` and
``actors.WorkingGroup`` with the actors' ``working_groups`` field.

Every link is kept: each actor that ticked a group becomes a member of the page that took the
group over (``legacy_group``), links added since 0002 included; a group without a page gets one,
as in 0002, under the group index of its language, or of the site's first home page when its
language has none. Running it again adds nothing. The reverse puts the links back on the actors.
"""

from importlib import import_module

from django.db import migrations

earlier = import_module("agenda.migrations.0002_events_from_meeting_days_and_groups")


def group_pages(apps, group):
    WorkingGroupPage = apps.get_model("agenda", "WorkingGroupPage")
    Page = apps.get_model("wagtailcore", "Page")
    pages = list(WorkingGroupPage.objects.filter(legacy_group=group))
    if pages:
        return pages
    index = earlier.index_for(apps, group.locale_id, "WorkingGroupIndexPage", "groupes-de-travail", "Groupes de travail")
    if index is None:  # no home page in the group's language: the site's first one
        home = Page.objects.filter(depth=2).order_by("path").first()
        if home is None:
            return []
        index = earlier.index_for(apps, home.locale_id, "WorkingGroupIndexPage", "groupes-de-travail", "Groupes de travail")
    page = earlier.add_child(
        apps,
        index,
        "WorkingGroupPage",
        group.slug,
        group.name,
        summary=group.description[:300],
        objectives=f"<p>{group.description}</p>" if group.description else "",
        status="active",
        legacy_group=group,
    )
    return [page]


def forwards(apps, schema_editor):
    WorkingGroup = apps.get_model("actors", "WorkingGroup")
    ActorPage = apps.get_model("actors", "ActorPage")
    WorkingGroupPage = apps.get_model("agenda", "WorkingGroupPage")
    actor_links = ActorPage.working_groups.through
    members = WorkingGroupPage.members.through
    for group in WorkingGroup.objects.order_by("name", "pk"):
        actor_ids = list(actor_links.objects.filter(workinggroup_id=group.pk).values_list("actorpage_id", flat=True))
        pages = group_pages(apps, group)
        for page in pages:
            present = set(members.objects.filter(workinggrouppage_id=page.pk).values_list("actorpage_id", flat=True))
            members.objects.bulk_create(
                [members(workinggrouppage_id=page.pk, actorpage_id=pk) for pk in actor_ids if pk not in present]
            )
        if pages:
            actor_links.objects.filter(workinggroup_id=group.pk).delete()


def backwards(apps, schema_editor):
    ActorPage = apps.get_model("actors", "ActorPage")
    WorkingGroupPage = apps.get_model("agenda", "WorkingGroupPage")
    actor_links = ActorPage.working_groups.through
    members = WorkingGroupPage.members.through
    for page in WorkingGroupPage.objects.filter(legacy_group__isnull=False):
        actor_ids = members.objects.filter(workinggrouppage_id=page.pk).values_list("actorpage_id", flat=True)
        present = set(actor_links.objects.filter(workinggroup_id=page.legacy_group_id).values_list("actorpage_id", flat=True))
        actor_links.objects.bulk_create(
            [actor_links(workinggroup_id=page.legacy_group_id, actorpage_id=pk) for pk in actor_ids if pk not in present]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0002_events_from_meeting_days_and_groups"),
        ("actors", "0004_drop_actorpage_import_key"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
