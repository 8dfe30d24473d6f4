"""The directory's map in a real browser: the same actors as the list, usable from the keyboard.

The tile server cannot be reached from these machines: the test checks the markers, the popups and
the links, and (through the `desktop` fixture) that nothing is blocked by the Content-Security-Policy.
"""

import re

from tests.browser.conftest import DESKTOP

FILTER = "/annuaire/?kind=state-service"


def test_map_shows_the_listed_actors_and_a_marker_opens_from_the_keyboard(desktop):
    desktop.goto(FILTER)
    listed = int(re.match(r"\d+", desktop.locator("#list-title").inner_text()).group())
    assert listed >= 1
    status = desktop.locator("#actor-map-status")
    status.filter(has_text=str(listed)).wait_for()
    assert status.inner_text() == f"Acteurs sur la carte : {listed}"
    assert desktop.locator(".actor-map__fallback").count() == 0
    # The demo's actors stand at their commune's centre: the map credits its source.
    assert "IGN ADMIN EXPRESS, INSEE" in desktop.locator(".leaflet-control-attribution").inner_text()

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


def test_clusters_of_the_whole_directory_open_from_the_keyboard(new_page):
    """Unfiltered, the map groups its markers in clusters. Enter on a cluster zooms in, or spreads
    out the actors at one place, and gives the focus back to the map (leaflet.markercluster does
    both): the next Tabs reach the actors' markers, whose popup opens with Enter.

    The visitor asks for reduced motion, which the map honours: with animations, a Tab during a
    zoom can land on a marker about to be removed, and the test would depend on timing.
    """
    desktop = new_page(DESKTOP, reduced_motion="reduce")
    desktop.goto("/annuaire/")
    desktop.locator("#actor-map-status").filter(has_text="Acteurs sur la carte").wait_for()
    desktop.locator(".marker-cluster").first.wait_for()
    assert desktop.locator(".leaflet-marker-icon:not(.marker-cluster)").count() == 0

    def tab_to_a_marker():
        for _ in range(300):
            desktop.keyboard.press("Tab")
            if desktop.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
                return desktop.evaluate("document.activeElement.classList.contains('marker-cluster')")
        raise AssertionError("no marker or cluster can be reached with the Tab key")

    clusters_opened = 0
    for _ in range(60):
        is_cluster = tab_to_a_marker()
        if not is_cluster:
            break
        # Open a cluster only while no single actor is shown: then keep tabbing towards one.
        if desktop.locator(".leaflet-marker-icon:not(.marker-cluster)").count() == 0:
            desktop.keyboard.press("Enter")
            clusters_opened += 1
            # (A locator, not wait_for_function: the site's CSP forbids the eval that one uses.)
            desktop.locator(".leaflet-container:focus").wait_for()
    else:
        raise AssertionError("the keyboard never reached a single actor through the clusters")
    assert clusters_opened >= 1
    desktop.keyboard.press("Enter")
    link = desktop.locator(".leaflet-popup-content a")
    link.wait_for()
    assert link.get_attribute("href").startswith("/annuaire/")
