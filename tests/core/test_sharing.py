"""Link previews (OpenGraph, Twitter cards) and share links on every page."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories.news import news_index, news_item

pytestmark = pytest.mark.django_db


def meta(response):
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for tag in soup.select("meta[property], meta[name]"):
        found[tag.get("property") or tag.get("name")] = tag["content"]
    return found, soup


def test_every_page_says_its_title_description_address_and_language(client, home_page):
    home_page.summary = "Le centre de ressources du patrimoine."
    home_page.save_revision().publish()
    tags, _soup = meta(client.get("/"))
    assert tags["og:title"] == "Accueil"
    assert tags["og:description"] == "Le centre de ressources du patrimoine."
    assert tags["og:url"] == "http://localhost/"
    assert tags["og:locale"] == "fr_FR"
    assert tags["og:type"] == "website"
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags


def test_a_page_with_an_image_shows_it_in_previews(client, home_page, taxonomy):
    image = get_image_model().objects.create(
        title="Chantier", description="Des tailleurs au travail", file=get_test_image_file(size=(1600, 900))
    )
    item = news_item(news_index(home_page), title="Un chantier", image=image)
    tags, _soup = meta(client.get(item.url))
    assert tags["og:type"] == "article"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image"].startswith("http://localhost/")
    assert tags["og:image"].endswith(".png")
    assert tags["og:image:alt"] == "Des tailleurs au travail"


def test_an_english_page_says_it_is_english(client, home_page, locales):
    english = home_page.copy_for_translation(locales["en"])
    english.save_revision().publish()
    tags, _soup = meta(client.get("/en/"))
    assert tags["og:locale"] == "en_GB"


def test_share_links_are_plain_links_with_the_page_address(client, home_page, taxonomy):
    item = news_item(news_index(home_page), title="Une nouvelle à partager")
    _tags, soup = meta(client.get(item.url))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".share__links a")}
    address = "http://localhost" + item.url
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {"url": [address]}
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [address]}
    mail = urlsplit(next(href for href in links.values() if href.startswith("mailto:")))
    assert parse_qs(mail.query) == {"subject": ["Une nouvelle à partager"], "body": [address]}
    # Nothing from elsewhere is loaded: no script, frame, image or style from another host.
    for tag in soup.select("script[src], iframe, img, link[rel=stylesheet]"):
        assert not (tag.get("src") or tag.get("href")).startswith("http"), tag


def test_mastodon_sharing_goes_to_the_visitors_server(client, home_page):
    response = client.get(
        reverse("share_mastodon"),
        {"server": "@moi@Piaille.fr", "url": "http://localhost/", "title": "Accueil"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="https://piaille.fr/share?text=Accueil+http%3A%2F%2Flocalhost%2F"' in html


@pytest.mark.parametrize(
    ("server", "url"),
    [
        ("", "http://localhost/"),
        ("not a server", "http://localhost/"),
        ("mastodon.social", "https://evil.example/"),
    ],
)
def test_mastodon_sharing_refuses_a_bad_server_or_another_sites_address(client, home_page, server, url):
    response = client.get(reverse("share_mastodon"), {"server": server, "url": url})
    assert response.status_code == 400
