"""A young person on a phone: home, the trades, one trade, its open offer; the menu by touch and
by keyboard."""

from tests.browser.conftest import PHONE


def assert_fits_the_screen(page):
    """Nothing wider than the phone: no sideways scrolling."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"


def test_from_the_home_page_to_an_open_offer_by_touch(phone, live_site):
    trades_path = live_site.sample_pages.get("trades.TradeIndexPage")
    assert trades_path, "the demo content has no trade index"
    assert live_site.open_offers_by_trade, "the demo content has no trade with an open offer"

    phone.goto("/")
    assert_fits_the_screen(phone)
    toggle = phone.locator(".site-nav__toggle")
    menu = phone.locator("#site-nav-list")
    assert toggle.is_visible()
    assert menu.is_hidden()  # folded away on a small screen

    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    menu.locator(f"a[href='{trades_path}']").tap()
    phone.wait_for_url(f"**{trades_path}")
    assert_fits_the_screen(phone)

    # A trade of the first page of the list that has an open offer.
    listed = phone.locator("main a").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    trade_path = next(path for path in listed if path in live_site.open_offers_by_trade)
    phone.locator(f"main a[href='{trade_path}']").first.tap()
    phone.wait_for_url(f"**{trade_path}")
    assert_fits_the_screen(phone)
    trade_name = phone.locator("h1").inner_text()

    offer_path = live_site.open_offers_by_trade[trade_path][0]
    phone.locator(f"main a[href='{offer_path}']").first.tap()
    phone.wait_for_url(f"**{offer_path}")
    assert_fits_the_screen(phone)
    assert phone.locator("h1").is_visible()
    assert phone.locator(".notice--closed").count() == 0  # an open offer does not say it is closed
    assert trade_name in phone.locator("main").inner_text()  # and names the trade it leads to


def test_the_menu_works_with_the_keyboard_on_a_small_screen(phone):
    phone.goto("/")
    toggle = phone.locator(".site-nav__toggle")
    menu = phone.locator("#site-nav-list")

    phone.keyboard.press("Tab")
    assert phone.evaluate("() => document.activeElement.className") == "skip-link"
    for _ in range(5):  # the skip link, the site name, then the menu button
        if phone.evaluate("() => document.activeElement.classList.contains('site-nav__toggle')"):
            break
        phone.keyboard.press("Tab")
    assert phone.evaluate("() => document.activeElement.classList.contains('site-nav__toggle')")

    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    phone.keyboard.press("Tab")
    assert phone.evaluate("() => document.activeElement.closest('#site-nav-list') !== null")

    phone.keyboard.press("Escape")  # closes the menu and gives the focus back to its button
    assert toggle.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    assert phone.evaluate("() => document.activeElement.classList.contains('site-nav__toggle')")


def test_the_skip_link_leads_to_the_main_content(phone):
    phone.goto("/")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    assert phone.evaluate("() => document.activeElement.id") == "main"
