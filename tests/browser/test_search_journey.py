"""A visitor narrows a search with the facets, removes a filter with its chip, and goes back."""

import re

import pytest

SEARCH = "/recherche/?q=pierre"


def first_number(text: str) -> int:
    return int(re.search(r"\d+", text.replace("\u202f", "").replace("\xa0", "")).group())


def result_count(page) -> int:
    return first_number(page.locator("#search-count").inner_text())


def option_count(checkbox) -> int:
    label = checkbox.page.locator(f"label[for='{checkbox.get_attribute('id')}']")
    return first_number(label.locator(".facet__count").inner_text())


def unchecked_option(page, nth_facet: int):
    """The first unchecked option of the nth facet shown whose count is below the total.

    Returned as a locator by id: a locator built on ``:not(:checked)`` would point at the next
    box once this one is ticked, and Playwright re-resolves locators while the page navigates.
    """
    total = result_count(page)
    facet = page.locator("fieldset.facet").nth(nth_facet)
    for checkbox in facet.locator("input[type=checkbox]:not(:checked)").all():
        if 0 < option_count(checkbox) < total:
            return page.locator(f"#{checkbox.get_attribute('id')}")
    raise AssertionError(f"facet {nth_facet} has no option that narrows the search")


@pytest.fixture
def search_page(desktop, live_site):
    response = desktop.goto(SEARCH)
    assert response.status == 200, "the search page is not there"
    return desktop


def test_facets_narrow_to_their_count_chips_remove_them_and_back_goes_back(search_page):
    page = search_page
    everything = result_count(page)
    assert everything > 0

    # A facet click applies at once, and gives as many results as its count said. The visitor
    # looks for trades: the demo's trades carry every other facet, so a second one narrows again.
    first = page.locator("fieldset.facet input[name=kind][value=trade]")
    assert 0 < option_count(first) < everything
    first_id, first_expected = first.get_attribute("id"), option_count(first)
    with page.expect_navigation():
        first.click()
    assert result_count(page) == first_expected
    assert page.locator(f"#{first_id}").is_checked()
    assert page.evaluate("() => document.activeElement.id") == first_id  # focus stays put
    url_with_one = page.url
    chips = page.locator(".chips a.chip:not(.chip--clear)")
    assert chips.count() == 1

    # A second facet narrows further, again to its count.
    second = unchecked_option(page, 1)
    second_expected = option_count(second)
    with page.expect_navigation():
        second.click()
    assert result_count(page) == second_expected
    assert chips.count() == 2

    # The browser's back button returns to the one-filter search, as it was.
    page.go_back()
    assert page.url == url_with_one
    assert result_count(page) == first_expected
    assert page.locator(f"#{first_id}").is_checked()

    # Its chip removes the filter.
    with page.expect_navigation():
        chips.first.click()
    assert result_count(page) == everything
    assert chips.count() == 0


def test_suggestions_appear_while_typing_and_are_chosen_with_the_keyboard(search_page):
    page = search_page
    box = page.locator("#search-q")
    box.fill("")
    box.press_sequentially("vitr", delay=50)
    listbox = page.locator("#search-q-suggestions")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    chosen = listbox.locator("[role=option][aria-selected=true]")
    assert chosen.count() == 1
    assert box.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
