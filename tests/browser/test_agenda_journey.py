"""The registration journey in Chromium: a visitor registers for a demo event, receives the mail
(at the tests' SMTP server) with its calendar file, cancels through the signed link, and the
first person on the waiting list of a full event is promoted and told."""

import re
from urllib.parse import urlsplit

from icalendar import Calendar

# The demo's events (agenda/demo.py): one with free seats, one full with a waiting list.
OPEN_EVENT = "/agenda/assemblee-generale/"
FULL_EVENT = "/agenda/connexions-savoir-faire/"
REGISTERED = re.compile("You are registered|Votre place est réservée")
ON_WAITING_LIST = re.compile("You are on the waiting list|Vous êtes sur la liste d.attente")
CANCELLED = re.compile("Registration cancelled|Inscription annulée")


def cancel_path(text: str) -> str:
    return urlsplit(re.search(r"https?://\S+/agenda/cancel/\S+/", text).group(0)).path


def fill_registration(page, name, email):
    form = page.locator("#registration form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=organisation]").fill("Atelier")
    form.locator("button[type=submit]").click()


def test_a_visitor_registers_gets_the_mail_and_calendar_and_cancels_by_the_link(
    desktop, live_site, live_mail_server
):
    desktop.goto(OPEN_EVENT)
    fill_registration(desktop, "Ada Lovelace", "ada.journey@example.org")
    assert REGISTERED.search(desktop.locator("h1").inner_text())

    [confirmation] = live_mail_server.wait_for_mail_to("ada.journey@example.org")
    [ics] = live_mail_server.attachments(confirmation).values()
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Assemblée générale du réseau"

    desktop.goto(cancel_path(live_mail_server.text(confirmation)))
    desktop.locator("main form button[type=submit]").click()
    assert CANCELLED.search(desktop.locator("h1").inner_text())


def test_a_cancellation_on_a_full_event_promotes_the_first_waiting_who_is_told(
    desktop, live_site, live_mail_server
):
    desktop.goto(FULL_EVENT)
    fill_registration(desktop, "Grace Hopper", "grace.journey@example.org")
    assert ON_WAITING_LIST.search(desktop.locator("h1").inner_text())

    # A seat holder of the demo (registered without mail) follows the cancel link of her mail.
    link = live_site.manage(
        "shell",
        "-c",
        "from agenda.registrations import Registration, cancel_url; "
        "r = Registration.objects.filter(event__slug='connexions-savoir-faire', status='confirmed', "
        "event__locale__language_code='fr').order_by('pk').first(); print(cancel_url(r.event, r))",
    )
    desktop.goto(cancel_path(link))
    desktop.locator("main form button[type=submit]").click()
    assert CANCELLED.search(desktop.locator("h1").inner_text())

    promoted = live_mail_server.wait_for_mail_to("participant4@example.org")
    assert list(live_mail_server.attachments(promoted[0])) == ["evenement.ics"]


def test_the_event_map_asks_the_tile_server_nothing_until_the_visitor_asks(desktop, live_site):
    own = urlsplit(live_site.url).netloc
    requests = []
    desktop.on("request", lambda request: requests.append(request.url))
    desktop.goto(OPEN_EVENT)
    desktop.wait_for_load_state("networkidle")

    def third_party():
        return [url for url in requests if urlsplit(url).netloc not in {own, ""} and url[:5] != "data:"]

    assert third_party() == []
    assert desktop.locator(".leaflet-container").count() == 0
    button = desktop.locator("#event-map-button")
    assert button.is_visible()
    button.click()
    marker = desktop.locator("#event-map .leaflet-marker-icon")
    marker.wait_for()
    assert not button.is_visible()
    assert marker.get_attribute("title").endswith("Saumur")
    desktop.wait_for_load_state("networkidle")
    assert third_party(), "showing the map should have asked the tile server for its images"
    credit = desktop.locator("#event-map .leaflet-control-attribution").inner_text()
    assert "IGN ADMIN EXPRESS, INSEE" in credit


def test_the_registration_form_reads_well_on_a_phone_errors_included(phone):
    phone.goto(OPEN_EVENT + "#registration")
    form = phone.locator("#registration form")
    form.locator("button[type=submit]").click()  # empty: the page comes back with the errors
    phone.locator(".form-field__errors").first.wait_for()
    width = phone.evaluate("document.documentElement.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the phone
    for selector in ("#registration label", "#registration input:not([type=hidden])", ".form-field__errors"):
        shown = [element for element in phone.locator(selector).all() if element.is_visible()]
        assert shown, selector
        for box in [element.bounding_box() for element in shown]:
            assert box["x"] >= 0, selector
            assert box["x"] + box["width"] <= width, selector
    name = phone.locator("#registration input[name=name]")
    label = phone.locator("#registration label[for=id_name]")
    # The label stands above its field, the field is a thumb's height, its text is not zoomed into.
    assert label.bounding_box()["y"] + label.bounding_box()["height"] <= name.bounding_box()["y"]
    assert name.bounding_box()["height"] >= 44
    assert float(name.evaluate("element => getComputedStyle(element).fontSize").removesuffix("px")) >= 16
    error = phone.locator(".form-field__errors").first
    assert error.evaluate("element => getComputedStyle(element).fontWeight") == "700"
    assert error.inner_text().strip()
