"""The agenda's views. The page types (agenda.models) route to them; this module does not import
them, so that the models can."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.facets import Facet, FacetedSearch
from core.mail import send_templated_mail
from core.pictures import attach_pictures
from core.public_forms import RateLimit
from core.signed_links import reads_signed_link
from core.visibility import visible, visible_in_language
from knowledge.models import ReplayPage
from knowledge.taxonomy import Department, Theme

from . import calendar, registrations
from .forms import JOIN_CONSENT, REGISTRATION_CONSENT, JoinGroupForm, RegistrationForm
from .registrations import CANCEL_LINK_MAX_AGE, CANCEL_PURPOSE, Registration

REGISTRATIONS = RateLimit("agenda.registration", limit=10, period=timedelta(hours=1))
JOIN_REQUESTS = RateLimit("agenda.join", limit=5, period=timedelta(hours=1))


# --- The agenda --------------------------------------------------------------------------------


def agenda_facets(index, event_model) -> list[Facet]:
    group_model = event_model._meta.get_field("working_group").related_model
    kinds = event_model._meta.get_field("kind").choices
    modes = event_model._meta.get_field("attendance_mode").choices
    programmes = event_model._meta.get_field("programme_name").choices
    locale = index.locale

    def terms(model):
        return lambda: dict(model.objects.filter(locale=locale).values_list("slug", "name"))

    return [
        Facet.from_lookup("kind", _("Kind of event"), event_model, "kind", choices=lambda: dict(kinds)),
        Facet.from_lookup(
            "department", _("Department"), event_model, "department__slug", choices=terms(Department)
        ),
        Facet.from_lookup(
            "group",
            _("Working group"),
            event_model,
            "working_group__slug",
            choices=lambda: dict(
                visible(group_model.objects, locale).order_by("title").values_list("slug", "title")
            ),
        ),
        Facet.from_lookup(
            "programme", _("Programme"), event_model, "programme_name", choices=lambda: dict(programmes)
        ),
        Facet.from_lookup("theme", _("Theme"), event_model, "themes__slug", choices=terms(Theme)),
        Facet.from_lookup(
            "attendance", _("Attendance"), event_model, "attendance_mode", choices=lambda: dict(modes)
        ),
    ]


def agenda_listing(request, index, *, past: bool):
    events = index.past() if past else index.upcoming()
    faceted = FacetedSearch.over(events, agenda_facets(index, events.model), request.GET)
    shown = list(faceted.filtered().order_by(*(("-start", "title") if past else ("start", "title")))[:200])
    context = index.get_context(request)
    # One programme chosen: its own feed is offered beside the whole agenda's.
    programme_feed = None
    if len(chosen := faceted.selected.get("programme", [])) == 1:
        programme_feed = (faceted.choices["programme"][chosen[0]], index.programme_feed_url(chosen[0]))
    context.update(
        programme_feed=programme_feed,
        events=attach_pictures(shown),
        past=past,
        faceted=faceted,
        facets=faceted.facets(),
        chips=faceted.chips(),
        unknown_filters=faceted.unknown,
        listing_url=index.url + (index.reverse_subpage("past") if past else ""),
        feed_url=index.url + index.reverse_subpage("feed"),
    )
    return TemplateResponse(request, "agenda/event_index_page.html", context)


def calendar_feed(request, events, name: str):
    events = events.select_related("commune")
    response = HttpResponse(calendar.feed(events, name, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


# --- An event ----------------------------------------------------------------------------------


def event_context(request, event, form=None, **extra):
    context = event.get_context(request)
    organisers = list(visible(event.organisers.all(), event.locale_id))
    event._visible_organisers = organisers
    replays = []
    if event.meeting_day_id:
        replays = list(
            visible(ReplayPage.objects.filter(meeting_day_id=event.meeting_day_id), event.locale_id).order_by(
                "title"
            )
        )
    questions = list(event.questions.all())
    if form is None and event.accepts_registrations:
        form = RegistrationForm(questions=questions)
    url = event.get_full_url(request)
    group = event.working_group if event.working_group_id else None
    if group is not None and not visible(type(group).objects.filter(pk=group.pk), event.locale_id).exists():
        group = None
    context.update(
        organisers=organisers,
        replays=replays,
        form=form,
        consent=REGISTRATION_CONSENT,
        registration_state=event.registration_state,
        when=calendar.when_label(event),
        calendar_links=calendar.add_to_calendar_links(event, url),
        ics_url=event.url + event.reverse_subpage("ics"),
        register_url=event.url + event.reverse_subpage("register"),
        group=group,
        map_tile_url=settings.MAP_TILE_URL,
        map_tile_attribution=settings.MAP_TILE_ATTRIBUTION,
        **extra,
    )
    return context


def event_page(request, event):
    return TemplateResponse(request, "agenda/event_page.html", event_context(request, event))


def event_ics(request, event):
    response = HttpResponse(
        calendar.event_calendar(event, event.get_full_url(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def register(request, event):
    if request.method == "GET":
        return HttpResponseRedirect(event.url + "#registration")
    if not REGISTRATIONS.allow(request):
        return REGISTRATIONS.refusal(request)
    if not event.accepts_registrations:
        context = event_context(request, event, refusal=_("Registration for this event is closed."))
        return TemplateResponse(request, "agenda/event_page.html", context, status=409)
    form = RegistrationForm(request.POST, questions=event.questions.all())
    if form.is_valid():
        try:
            registration = registrations.register(
                event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                answers=form.answers(),
            )
        except registrations.AlreadyRegistered as refusal:
            form.add_error("email", str(refusal))
        except registrations.RegistrationRefused as refusal:
            context = event_context(request, event, refusal=str(refusal))
            return TemplateResponse(request, "agenda/event_page.html", context, status=409)
        else:
            return TemplateResponse(
                request, "agenda/registered.html", {"page": event, "registration": registration}
            )
    return TemplateResponse(
        request, "agenda/event_page.html", event_context(request, event, form=form), status=400
    )


@require_http_methods(["GET", "POST"])
@reads_signed_link(CANCEL_PURPOSE, max_age=CANCEL_LINK_MAX_AGE)
def cancel_registration(request, value):
    """GET asks to confirm (mail scanners follow links: a GET changes nothing); POST cancels."""
    try:
        registration_id, check = int(value["registration"]), str(value["check"])
    except (KeyError, TypeError, ValueError):
        registration_id, check = 0, ""
    registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
    if registration is None or registration.check_value() != check:
        return render(request, "agenda/cancel_gone.html", status=404)
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        registration, _promoted = registrations.cancel(registration_id, check)
        return render(
            request, "agenda/cancelled.html", {"registration": registration, "event": registration.event}
        )
    if registration.status == Registration.Status.CANCELLED:
        return render(
            request, "agenda/cancelled.html", {"registration": registration, "event": registration.event}
        )
    return render(
        request, "agenda/cancel_confirm.html", {"registration": registration, "event": registration.event}
    )


# --- Working groups ----------------------------------------------------------------------------


def group_context(request, group, form=None, **extra):
    context = group.get_context(request)
    events = visible(group.events.all(), group.locale_id).select_related("commune")
    upcoming = [event for event in events.order_by("start") if not event.is_past]
    past_events = [event for event in events.order_by("-start") if event.is_past]
    actors_model = group._meta.get_field("members").related_model
    context.update(
        founders=list(visible_in_language(group.founders.all(), group.locale_id).order_by("title")),
        members=list(visible_in_language(group.members.all(), group.locale_id).order_by("title")),
        next_event=upcoming[0] if upcoming else None,
        upcoming_events=upcoming,
        past_events=past_events,
        # The form is shown on the join address only: the group's own page holds none, so it
        # sets no CSRF cookie and stays in the page cache (core.pagecache).
        form=form,
        consent=JOIN_CONSENT,
        join_url=group.url + group.reverse_subpage("join"),
        feed_url=group.url + group.reverse_subpage("feed"),
        actors_model=actors_model,
        **extra,
    )
    return context


def working_group_page(request, group):
    return TemplateResponse(request, "agenda/working_group_page.html", group_context(request, group))


@require_http_methods(["GET", "POST"])
def join_group(request, group):
    if request.method in ("GET", "HEAD"):
        return TemplateResponse(
            request, "agenda/working_group_page.html", group_context(request, group, form=JoinGroupForm())
        )
    if not JOIN_REQUESTS.allow(request):
        return JOIN_REQUESTS.refusal(request)
    if group.status != group.Status.ACTIVE:
        return TemplateResponse(
            request, "agenda/working_group_page.html", group_context(request, group), status=409
        )
    form = JoinGroupForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "agenda/working_group_page.html", group_context(request, group, form=form), status=400
        )
    data = form.cleaned_data
    send_templated_mail(
        "agenda/mail/join_request",
        {"group": group, "group_url": group.get_full_url(request), **data},
        [group.referent_email],
        reply_to=[data["email"]],
    )
    send_templated_mail(
        "agenda/mail/join_acknowledgement",
        {"group": group, "group_url": group.get_full_url(request), "name": data["name"]},
        [data["email"]],
    )
    return TemplateResponse(request, "agenda/join_sent.html", {"page": group, "name": data["name"]})
