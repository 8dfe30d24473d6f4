import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from core import public_address
from home.demo import serve_at
from home.models import HomePage, StandardPage
from tests.helpers import json_ld_blocks


@pytest.mark.django_db
def test_home_page_renders_hero_and_website_json_ld(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Le patrimoine" in html
    assert '<a class="skip-link" href="#main">' in html
    assert json_ld_blocks(html)[0]["@type"] == "WebSite"


@pytest.mark.django_db
def test_standard_page_renders_body(client, home_page):
    page = StandardPage(
        title="Qui sommes-nous ?",
        slug="qui-sommes-nous",
        summary="Le réseau en bref.",
        body=[("paragraph", "<p>Une centaine d'acteurs du patrimoine.</p>")],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/qui-sommes-nous/").content.decode()
    assert "<p>Une centaine d'acteurs du patrimoine.</p>" in html
    assert json_ld_blocks(html)[0]["@type"] == "WebPage"


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_live_pages_in_every_language(client, home_page, locales):
    english_home = home_page.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    draft = StandardPage(title="Brouillon", slug="brouillon", body=[], live=False)
    home_page.add_child(instance=draft)
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/</loc>" in xml
    assert "<loc>http://localhost/en/</loc>" in xml
    assert "brouillon" not in xml


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script(client, home_page):
    home_page.title = "</script><script>alert(1)</script>"
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld_blocks(html)[0]["name"] == "</script><script>alert(1)</script>"
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_translated_page_announces_its_other_language(client, home_page, locales):
    english_home = home_page.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://localhost/">' in html


@pytest.mark.django_db
def test_home_page_lists_the_sections_of_the_site(client, home_page):
    section = StandardPage(
        title="Ressources", slug="ressources", summary="Guides et documents.", body=[], show_in_menus=True
    )
    home_page.add_child(instance=section)
    section.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Guides et documents." in html
    assert 'href="/ressources/"' in html


@pytest.mark.django_db
def test_the_footer_links_the_pages_chosen_in_the_settings_and_follows_changes(client, home_page):
    from home.models import SiteSettings

    about = StandardPage(title="À propos du réseau", slug="a-propos", body=[])
    legal = StandardPage(title="Mentions légales", slug="mentions-legales", body=[])
    for page in (about, legal):
        home_page.add_child(instance=page)
        page.save_revision().publish()
    assert "À propos du réseau" not in client.get("/").content.decode()

    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.about_page = about
    site_settings.save()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a href="/a-propos/">À propos du réseau</a>' in footer

    site_settings.legal_notice_page = legal
    site_settings.save()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a href="/mentions-legales/">Mentions légales</a>' in footer


@pytest.mark.django_db
def test_make_demo_gives_the_site_its_address_so_mail_links_lead_there(home_page):
    site = Site.objects.get(is_default_site=True)
    assert serve_at(site, "") == 0  # unset: Wagtail's own address stays
    assert serve_at(site, "127.0.0.1:8000") == 1
    assert serve_at(site, "127.0.0.1:8000") == 0  # idempotent
    public_address.forget()
    assert public_address.public_url("/agenda/") == "http://127.0.0.1:8000/agenda/"


@pytest.mark.django_db
def test_the_menu_marks_the_section_of_each_page_it_is_shown_on(client, home_page):
    """The header is kept once per menu entry, not per page: each page still gets its own
    section marked, and a page outside the menu none."""

    def add(parent, title, slug, in_menu=False):
        page = StandardPage(title=title, slug=slug, summary="", body=[], show_in_menus=in_menu)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    resources = add(home_page, "Ressources", "ressources", in_menu=True)
    network = add(home_page, "Le réseau", "le-reseau", in_menu=True)
    guide = add(resources, "Guide de restauration", "guide")
    members = add(network, "Les membres", "membres")
    legal = add(home_page, "Mentions légales", "mentions")

    def marked(page) -> list[str]:
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        return [link.get_text() for link in html.select(".site-nav__list a[aria-current=page]")]

    for _ in range(2):  # computed, then from the memory
        assert marked(guide) == ["Ressources"]
        assert marked(resources) == ["Ressources"]
        assert marked(members) == ["Le réseau"]
        assert marked(legal) == []
