"""An editor writes a trade profile in the Wagtail admin; a moderator publishes it.

The people and groups: Wagtail's own "Editors" (may add and change pages, not publish) and
"Moderators" (may publish) groups, with one user each (tests/browser/live_site.py).
"""

import urllib.error
import urllib.request

from tests.browser.live_site import EDITOR, MODERATOR

TITLE = "Couvreur-lauzier"
SLUG = "couvreur-lauzier"  # made from the title by the admin


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def public_status(live_site, path) -> int:
    try:
        with urllib.request.urlopen(live_site.url + path) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def add_paragraph(page, field_name, text):
    """Adds a paragraph block to an empty StreamField and types into its rich text editor."""
    field = page.locator(f"[data-contentpath='{field_name}']")
    field.locator("button.c-sf-add-button").first.click()
    page.locator(".w-combobox__option").filter(has_text="Paragraph").click()
    field.locator("[contenteditable=true]").first.click()
    page.keyboard.type(text)


def test_an_editor_submits_a_trade_profile_and_a_moderator_publishes_it(new_page, live_site):
    index_id = live_site.sample_page_ids.get("trades.TradeIndexPage")
    assert index_id is not None, "the demo content has no trade index to add a trade profile to"
    public_path = f"{live_site.sample_pages['trades.TradeIndexPage']}{SLUG}/"

    # The editor writes the profile: names, a domain, what the work is, a training path.
    editor = new_page()
    log_in(editor, *EDITOR)
    editor.goto(f"/admin/pages/{index_id}/add_subpage/")  # one child type: straight to its form
    editor.fill("#id_title", TITLE)
    editor.fill("#id_hook", "Il couvre les toits de lauzes et d'ardoises, à la main.")
    domain = editor.locator("#id_domains option").first.inner_text().strip()
    editor.select_option("#id_domains", label=domain)
    add_paragraph(editor, "what_the_work_is", "Le couvreur-lauzier pose la lauze et l'ardoise au clou.")
    editor.click("#id_training_paths-ADD")
    editor.fill("#id_training_paths-0-diploma", "CAP couvreur")
    editor.fill("#id_training_paths-0-school_name", "CFA du bâtiment de Saint-Herblain")
    editor.locator("#id_training_paths-0-level-chooser .chooser__choose-button").click()
    editor.locator(".modal-dialog a[data-chooser-modal-choice]").first.click()
    editor.locator(".modal-dialog").wait_for(state="detached")
    assert editor.input_value("#id_training_paths-0-level")

    # Editors may not publish: the action menu offers moderation, never publishing.
    editor.locator("footer [data-w-dropdown-target=toggle]").first.click()
    assert editor.locator("button[name=action-publish]").count() == 0
    editor.locator("button[name=action-submit]").click()
    editor.wait_for_url(f"**/admin/pages/{index_id}/")
    assert editor.locator(".messages .success, .messages [class*=success]").count() >= 1
    assert public_status(live_site, public_path) == 404  # submitted is not published

    # The moderator approves, which publishes it.
    moderator = new_page()
    log_in(moderator, *MODERATOR)
    moderator.goto(f"/admin/pages/{index_id}/")
    moderator.get_by_role("link", name=TITLE).first.click()
    moderator.wait_for_url("**/edit/")
    moderator.locator("footer [data-w-dropdown-target=toggle]").first.click()
    moderator.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    moderator.wait_for_load_state("networkidle")
    assert public_status(live_site, public_path) == 200

    # A visitor now finds it on the site, with its domain and training path.
    visitor = new_page()
    visitor.goto(public_path)
    assert visitor.locator("h1").inner_text() == TITLE
    content = visitor.locator("main").inner_text()
    assert "CAP couvreur" in content
    assert domain in content


def test_an_editor_cannot_publish_even_by_forging_the_request(new_page, live_site):
    index_id = live_site.sample_page_ids.get("trades.TradeIndexPage")
    assert index_id is not None, "the demo content has no trade index"
    editor = new_page()
    log_in(editor, *EDITOR)
    # Any published trade profile: the editor asks the edit view to publish a change to it.
    profile_id = live_site.sample_page_ids["trades.TradeProfilePage"]
    profile_path = live_site.sample_pages["trades.TradeProfilePage"]
    editor.goto(f"/admin/pages/{profile_id}/edit/")
    editor.fill("#id_title", "Titre changé sans modération")
    editor.evaluate(
        """() => {
            const form = document.getElementById("page-edit-form");
            const publish = document.createElement("input");
            publish.type = "hidden"; publish.name = "action-publish"; publish.value = "action-publish";
            form.appendChild(publish);
            form.requestSubmit();
        }"""
    )
    editor.wait_for_load_state("networkidle")
    visitor = new_page()
    visitor.goto(profile_path)
    assert visitor.locator("h1").inner_text() != "Titre changé sans modération"
