"""The directory's map in a real browser: the same actors as the list, usable from the keyboard.

The tile server cannot be reached from these machines: the test checks the markers, the popups and
the links, and (through the `desktop` fixture) that nothing is blocked by the Content-Security-Policy.
"""

import re

FILTER = "/annuaire/?kind=state-service"


def test_map_shows_the_listed_actors_and_a_marker_opens_from_the_keyboard(desktop):
    desktop.goto(FILTER)
    listed = int(re.match(r"\d+", desktop.locator("#list-title").inner_text()).group())
    assert listed >= 1
    status = desktop.locator("#actor-map-status")
    status.filter(has_text=str(listed)).wait_for()
    assert status.inner_text() == f"Acteurs sur la carte : {listed}"
    assert desktop.locator(".actor-map__fallback").count() == 0

    # Tab through the page until a marker has the focus, then open its popup with Enter.
    for _ in range(200):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
            break
    else:
        raise AssertionError("no map marker can be reached with the Tab key")
    desktop.keyboard.press("Enter")
    link = desktop.locator(".leaflet-popup-content a")
    link.wait_for()
    name = link.inner_text()
    link.click()
    desktop.wait_for_url(re.compile(r"/annuaire/[\w-]+/$"))
    assert desktop.locator("h1").inner_text() == name


def test_skip_link_moves_past_the_map_to_the_list(desktop):
    desktop.goto(FILTER)
    desktop.locator("a.skip-map").focus()
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "actor-list"


def test_embedded_map_loads_its_markers(desktop):
    desktop.goto("/annuaire/carte/?kind=state-service")
    desktop.locator(".leaflet-marker-icon").first.wait_for()
    assert desktop.locator(".embed-credit").get_attribute("target") == "_top"
