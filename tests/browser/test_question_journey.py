"""A project holder asks the circle a question in Chromium: the errors first, then the follow-up
page their private link opens; also the invalid form checked by axe (its error state)."""

import re

from tests.browser.test_outside_checks import AXE, WCAG_21_A_AA
from tests.questions.conftest import links_in

# The French catalogue may not translate the circle's words yet: either language will do.
SEND = re.compile("Send my question|Envoyer ma question")


def test_asking_a_question_and_landing_on_its_follow_up_page(desktop, live_site, live_mail_server):
    desktop.goto(live_site.view_paths["question form"])
    desktop.locator("textarea[name='text']").fill("Quel badigeon pour une façade en tuffeau ?")
    desktop.locator("input[name='materials']").first.check()
    desktop.get_by_label(re.compile("Your e-mail|Votre e-mail")).fill("visiteur@example.org")
    desktop.get_by_role("button", name=SEND).click()

    # No consent: the form comes back with the error named at the top and at the box.
    summary = desktop.locator("#form-errors")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert (
        desktop.locator("textarea[name='text']").input_value() == "Quel badigeon pour une façade en tuffeau ?"
    )
    summary.locator("a").first.click()
    assert desktop.evaluate("() => document.activeElement.name") == "consent"

    desktop.locator("input[name='consent']").check()
    desktop.get_by_role("button", name=SEND).click()
    desktop.wait_for_url("**/questions/suivi/**")
    assert "Quel badigeon pour une façade en tuffeau ?" in desktop.locator("main").inner_text()
    assert desktop.locator("[role='status']").is_visible()
    robots = desktop.locator("meta[name='robots']").get_attribute("content")
    assert robots == "noindex, nofollow"
    follow_path = desktop.url.split(live_site.url, 1)[1].split("?")[0]

    # The acknowledgement carries the same private link, which opens the same page.
    [acknowledgement] = live_mail_server.wait_for_mail_to("visiteur@example.org")
    [mailed_path] = links_in(live_mail_server.text(acknowledgement))
    assert mailed_path.split("/")[:3] == follow_path.split("/")[:3]
    desktop.goto(mailed_path)
    assert "Quel badigeon pour une façade en tuffeau ?" in desktop.locator("main").inner_text()


def test_the_form_with_its_errors_passes_axe(new_page, live_site):
    page = new_page(bypass_csp=True)
    page.goto(live_site.view_paths["question form"])
    page.get_by_role("button", name=SEND).click()
    page.wait_for_selector("#form-errors")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}})).violations
            .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "))""",
        WCAG_21_A_AA,
    )
    assert not violations, violations
