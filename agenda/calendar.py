"""Calendar files (RFC 5545, with the icalendar package): one event's ``.ics``, the iCal feeds of
the agenda, of a working group, of a programme; and the "add to my calendar" links, plain links
that call no third-party script.

Every event keeps one UID for good (``EventPage.calendar_uid``: its translation key @ the site's
domain), so that a calendar that subscribed to a feed updates the event in place when it moves,
and SEQUENCE grows with each published revision. Times are written in UTC: every client places
them in its own zone without a VTIMEZONE block to trust.
"""

from datetime import UTC
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.public_address import public_host

PRODUCT_ID = "-//Pôle Patrimoine Pays de la Loire//Agenda//FR"
STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def event_description(event, url: str) -> str:
    text = event.summary or strip_tags(str(event.description)).strip()
    return "\n\n".join(part for part in (Truncator(text).chars(2000), url) if part)


def calendar_event(event, url: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", event.calendar_uid())
    item.add("summary", event.title)
    item.add("dtstart", event.start.astimezone(UTC))
    item.add("dtend", event.end.astimezone(UTC))
    item.add("dtstamp", (event.last_published_at or event.latest_revision_created_at or timezone.now()))
    item.add("sequence", getattr(event, "live_revision_id", None) or 0)
    item.add("status", STATUS[event.status])
    item.add("url", url)
    item.add("description", event_description(event, url))
    if event.has_place:
        item.add("location", event.place_label)
        if event.commune_id and event.commune.latitude is not None:
            item.add("geo", (float(event.commune.latitude), float(event.commune.longitude)))
    return item


def new_calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def event_calendar(event, url: str) -> bytes:
    """The .ics of one event (the download and the mail's attachment)."""
    cal = new_calendar(event.title)
    cal.add("method", "PUBLISH")
    cal.add_component(calendar_event(event, url))
    return cal.to_ical()


def feed(events, name: str, request) -> bytes:
    """An iCal feed of ``events`` (already visible and in the page's language)."""
    cal = new_calendar(name)
    for event in events:
        cal.add_component(calendar_event(event, event.get_full_url(request)))
    return cal.to_ical()


def when_label(event) -> str:
    """« 12 mars 2026, 9:30 - 17:00 » (with an en dash) in the active language, French time."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    if start.date() == end.date():
        return _("%(day)s, %(start)s – %(end)s") % {  # noqa: RUF001 (the typographic dash)
            "day": date_format(start, "DATE_FORMAT"),
            "start": date_format(start, "TIME_FORMAT"),
            "end": date_format(end, "TIME_FORMAT"),
        }
    return _("from %(start)s to %(end)s") % {
        "start": date_format(start, "DATETIME_FORMAT"),
        "end": date_format(end, "DATETIME_FORMAT"),
    }


def add_to_calendar_links(event, url: str) -> list[tuple[str, str]]:
    """(label, address) of plain links that open the event in an online calendar: nothing is
    loaded from those services until the visitor follows one."""
    start = event.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    end = event.end.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    details = event_description(event, url)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{start}/{end}",
            "details": details,
            "location": event.place_label if event.has_place else "",
        }
    )
    outlook = "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "subject": event.title,
            "startdt": event.start.astimezone(UTC).isoformat(),
            "enddt": event.end.astimezone(UTC).isoformat(),
            "body": details,
            "location": event.place_label if event.has_place else "",
            "path": "/calendar/action/compose",
            "rru": "addevent",
        }
    )
    return [("Google Agenda", google), ("Outlook", outlook)]


def site_domain() -> str:
    return public_host()
