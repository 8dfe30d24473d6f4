"""The English site names only real translations: a page whose strings wait for their English
says so and links to the French page; hreflang and the sitemap leave it out."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from home import demo_english
from home.models import StandardPage
from tests.factories import publish_revision

TEXTS = {
    "Accueil": "Home",
    "accueil": "home",
    "Le patrimoine": "Heritage",
    "Restaurer une façade": "Restoring a façade",
    "restaurer-une-facade": "restoring-a-facade",
    "Les étapes.": "The steps.",
    "<p>Le tailleur de pierre restaure.</p>": "<p>The stonemason restores.</p>",
}


def french_page(parent, title, slug, summary="Les étapes."):
    return publish_revision(parent, StandardPage(title=title, slug=slug, summary=summary, body=[]))


def submit(instance, django_capture_on_commit_callbacks):
    """An editor's « Translate » into English (wagtail-localize publishes the copy on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(instance, [Locale.objects.get(language_code="en")])
    return Translation.objects.get(source__object_id=instance.translation_key)


@pytest.fixture
def english_site(home_page, locales, django_capture_on_commit_callbacks):
    """The home page translated; « Restaurer une façade » translated; « Enduits à la chaux »
    submitted for translation but waiting for its strings; « Couverture » never translated."""
    translated = french_page(home_page, "Restaurer une façade", "restaurer-une-facade")
    waiting = french_page(home_page, "Enduits à la chaux", "enduits-a-la-chaux")
    never = french_page(home_page, "Couverture", "couverture")
    for instance in (home_page, translated):
        demo_english.fill_translation(submit(instance, django_capture_on_commit_callbacks), TEXTS)
    submit(waiting, django_capture_on_commit_callbacks)
    english = locales["en"]
    return {
        "translated": translated,
        "english": translated.get_translation(english),
        "waiting": waiting,
        "waiting_english": waiting.get_translation(english),
        "never": never,
    }


@pytest.mark.django_db
def test_a_real_translation_is_named_by_hreflang_both_ways_and_says_nothing(client, english_site):
    english_html = client.get("/en/restoring-a-facade/").content.decode()
    assert "Restoring a façade" in english_html
    assert (
        '<link rel="alternate" hreflang="fr" href="http://localhost/restaurer-une-facade/">' in english_html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://localhost/en/restoring-a-facade/">' in english_html
    )
    assert "not translated yet" not in english_html
    french_html = client.get("/restaurer-une-facade/").content.decode()
    assert 'hreflang="en" href="http://localhost/en/restoring-a-facade/"' in french_html


@pytest.mark.django_db
def test_a_translation_waiting_for_its_strings_says_so_and_links_to_the_french_page(client, english_site):
    response = client.get("/en/enduits-a-la-chaux/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This page is not translated yet: its text is still in French." in html
    assert '<a href="/enduits-a-la-chaux/" lang="fr" hreflang="fr">Read the original page</a>' in html
    assert '<link rel="alternate"' not in html  # the French page alone is real: no alternates

    french_html = client.get("/enduits-a-la-chaux/").content.decode()
    assert "/en/enduits-a-la-chaux/" not in french_html  # neither hreflang nor the switcher
    assert "not translated yet" not in french_html


@pytest.mark.django_db
def test_a_page_without_english_says_so_on_its_english_address_and_links_to_the_french_one(
    client, english_site
):
    response = client.get("/en/couverture/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not translated yet" in html
    assert "It can be read in French:" in html
    assert '<a href="/couverture/" lang="fr" hreflang="fr">Couverture</a>' in html

    nothing = client.get("/en/cette-page-n-existe-pas/")
    assert nothing.status_code == 404
    assert "Page not found" in nothing.content.decode()
    assert "not translated yet" not in nothing.content.decode()


@pytest.mark.django_db
def test_the_sitemap_lists_the_english_pages_that_exist_and_only_those(client, english_site):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/en/restoring-a-facade/</loc>" in xml
    assert "<loc>http://localhost/en/</loc>" in xml
    assert "/en/enduits-a-la-chaux/" not in xml  # waiting for its strings
    for slug in ("restaurer-une-facade", "enduits-a-la-chaux", "couverture"):
        assert f"<loc>http://localhost/{slug}/</loc>" in xml
