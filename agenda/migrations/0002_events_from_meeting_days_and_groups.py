"""The network's meeting days become events, and its working groups pages of their own.

- Each ``knowledge.MeetingDay`` without an event gets a past ConneXionS ``EventPage`` (its date,
  9:00 to 17:00 French time, its place as venue, its theme) that points to it: the replays keep
  their ``meeting_day`` link and the event page lists them.
- Each ``actors.WorkingGroup`` without a page gets a ``WorkingGroupPage`` (its name, description,
  and as members the actors that ticked it); the page remembers the group it came from.

The pages are written into the page tree directly (historical models have no treebeard methods),
live, under an agenda or working-group index made below the home page of their language when
there is none. Nothing is written when there is nothing to move (a new site). The reverse does
nothing: the pages stay, and the old records were not touched.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.db import migrations
from django.db.models import F
from django.utils.text import slugify

PARIS = ZoneInfo("Europe/Paris")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised path, 4 per level
STEP = 4


def next_path(path: str) -> str:
    step = path[-STEP:]
    number = 0
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(STEP):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return path[:-STEP] + digits


def add_child(apps, parent, model_name: str, slug: str, title: str, **fields):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("agenda", model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label="agenda", model=model_name.lower())
    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    taken = set(siblings.values_list("slug", flat=True))
    base, number = slug or "page", 1
    while slug in taken or not slug:
        number += 1
        slug = f"{base}-{number}"
    last = siblings.order_by("-path").first()
    page = model.objects.create(
        path=next_path(last.path) if last else parent.path + "0001",
        depth=parent.depth + 1,
        numchild=0,
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        url_path=f"{parent.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1
    return page


def index_for(apps, locale_id, model_name, slug, title):
    model = apps.get_model("agenda", model_name)
    Page = apps.get_model("wagtailcore", "Page")
    existing = model.objects.filter(locale_id=locale_id).first()
    if existing is not None:
        return existing
    home = Page.objects.filter(depth=2, locale_id=locale_id).order_by("path").first()
    if home is None:
        return None
    return add_child(apps, home, model_name, slug, title)


def forwards(apps, schema_editor):
    MeetingDay = apps.get_model("knowledge", "MeetingDay")
    EventPage = apps.get_model("agenda", "EventPage")
    for day in MeetingDay.objects.filter(events__isnull=True).order_by("date", "pk"):
        agenda = index_for(apps, day.locale_id, "EventIndexPage", "agenda", "Agenda")
        if agenda is None:
            continue
        start = datetime.datetime.combine(day.date, datetime.time(9), tzinfo=PARIS)
        event = add_child(
            apps,
            agenda,
            "EventPage",
            slugify(day.title)[:200],
            day.title,
            kind="connexions",
            status="scheduled",
            start=start,
            end=start + datetime.timedelta(hours=8),
            attendance_mode="in-person",
            venue=day.place[:200],
            meeting_day=day,
        )
        if day.theme_id:
            EventPage.themes.through.objects.create(eventpage_id=event.pk, theme_id=day.theme_id)

    WorkingGroup = apps.get_model("actors", "WorkingGroup")
    ActorPage = apps.get_model("actors", "ActorPage")
    WorkingGroupPage = apps.get_model("agenda", "WorkingGroupPage")
    actor_links = ActorPage.working_groups.through
    for group in WorkingGroup.objects.filter(pages__isnull=True).order_by("name", "pk"):
        index = index_for(apps, group.locale_id, "WorkingGroupIndexPage", "groupes-de-travail", "Groupes de travail")
        if index is None:
            continue
        page = add_child(
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
        actor_ids = actor_links.objects.filter(workinggroup_id=group.pk).values_list("actorpage_id", flat=True)
        WorkingGroupPage.members.through.objects.bulk_create(
            [WorkingGroupPage.members.through(workinggrouppage_id=page.pk, actorpage_id=pk) for pk in actor_ids]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
