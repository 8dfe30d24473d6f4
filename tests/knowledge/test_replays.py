import datetime
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from knowledge.models import ReplayChapter, ReplayPage, Speaker
from tests.factories.knowledge import know_how, know_how_index, meeting_day, replay, replay_index
from tests.helpers import fetched_resources, json_ld_blocks
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db


def replay_form(day, speaker, linked_page, **overrides):
    data = {
        "title": "Les jeunes et les métiers du patrimoine",
        "slug": "jeunes-et-metiers",
        "summary": "Table ronde.",
        "meeting_day": day.pk,
        "video_url": "https://www.youtube.com/watch?v=abcdefghijk",
        "duration": "1:05:00",
        "language": "fr",
        "speakers": inline_formset([{"speaker": speaker.pk}]),
        "chapters": inline_formset(
            [
                {"time_code": "0:00", "title": "Ouverture", "linked_page": ""},
                {"time_code": "2:03", "title": "La taille du tuffeau", "linked_page": linked_page.pk},
                {"time_code": "1:01:00", "title": "Questions de la salle", "linked_page": ""},
            ]
        ),
        "description": streamfield([("paragraph", rich_text("<p>Une table ronde sur la transmission.</p>"))]),
        "transcript": rich_text("<p>Bienvenue à cette table ronde sur la transmission.</p>"),
        "documents": streamfield([]),
        "tags": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("knowledge", "replaypage", parent.pk))


@pytest.fixture
def replay_setting(home_page, locales):
    day = meeting_day(locales["fr"])
    speaker = Speaker.objects.create(
        name="Claire Martin", role="Architecte du patrimoine", organisation="CAUE", locale=locales["fr"]
    )
    technique = know_how(know_how_index(home_page), slug="taille-du-tuffeau", title="Taille du tuffeau")
    return {"index": replay_index(home_page), "day": day, "speaker": speaker, "technique": technique}


def test_editor_creates_a_replay_that_renders_facade_chapters_and_transcript(admin_client, replay_setting):
    setting = replay_setting
    response = admin_client.post(
        add_url(setting["index"]), replay_form(setting["day"], setting["speaker"], setting["technique"])
    )

    assert response.status_code == 302
    page = ReplayPage.objects.get(slug="jeunes-et-metiers")
    response = admin_client.get(page.url)
    html = response.content.decode()
    assert "Journée ConneXionS" in html
    assert "Abbaye de Fontevraud" in html
    assert '<time datetime="PT1H5M">1:05:00</time>' in html
    assert '<strong class="speaker__name">Claire Martin</strong>' in html
    assert "Architecte du patrimoine" in html
    assert "(CAUE)" in html
    assert "Bienvenue à cette table ronde" in html
    assert 'id="transcript-title"' in html
    assert "Une table ronde sur la transmission." in html
    # The facade: a button naming the video and its provider, and the note about the provider's cookies.
    assert "Les jeunes et les métiers du patrimoine (YouTube)" in html
    assert 'aria-describedby="player-note"' in html
    assert "<iframe" not in html
    assert 'src="/static/dist/js/replay.js" defer' in html
    # Chapters work without JavaScript: links to the video on YouTube at the chapter's time.
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=123s"' in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=3660s"' in html
    embed_at_123 = (
        "https://www.youtube-nocookie.com/embed/abcdefghijk?start=123&amp;enablejsapi=1&amp;autoplay=1"
    )
    assert f'data-embed-url="{embed_at_123}"' in html
    assert f'href="{setting["technique"].url}"' in html
    # The CSP of this response lets the player's origin in, and only this one.
    assert response._csp_update == {"frame-src": ["https://www.youtube-nocookie.com"]}
    assert "frame-src 'self' https://www.youtube-nocookie.com" in response.headers["Content-Security-Policy"]

    (data,) = json_ld_blocks(html)
    assert data["@type"] == "VideoObject"
    assert data["uploadDate"] == "2024-06-14"
    assert data["duration"] == "PT1H5M"
    assert data["inLanguage"] == "fr"
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/abcdefghijk?enablejsapi=1"
    assert data["thumbnailUrl"] == f"{data['url'].split('/replays/')[0]}/static/img/replay-poster.svg"
    assert urlparse(data["thumbnailUrl"]).hostname == urlparse(data["url"]).hostname
    assert data["hasPart"] == [
        {
            "@type": "Clip",
            "name": "Ouverture",
            "startOffset": 0,
            "endOffset": 123,
            "url": f"{data['url']}?t=0",
        },
        {
            "@type": "Clip",
            "name": "La taille du tuffeau",
            "startOffset": 123,
            "endOffset": 3660,
            "url": f"{data['url']}?t=123",
        },
        {
            "@type": "Clip",
            "name": "Questions de la salle",
            "startOffset": 3660,
            "endOffset": 3900,
            "url": f"{data['url']}?t=3660",
        },
    ]


@pytest.mark.parametrize(
    "video_url",
    [
        "https://www.youtube.com/watch?v=abcdefghijk",
        "https://vimeo.com/123456789",
        "https://www.dailymotion.com/video/x8abcde",
        "https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
    ],
)
def test_replay_page_loads_nothing_from_a_third_party_before_the_click(client, replay_setting, video_url):
    page = replay(replay_setting["index"], replay_setting["day"], related=3, video_url=video_url)

    html = client.get(page.url).content.decode()
    resources = fetched_resources(html)

    assert resources.fetched, "the page should at least load its own stylesheet and scripts"
    for address in resources.fetched:
        assert urlparse(address).netloc in {"", "testserver"}, address
    assert "iframe" not in resources.tags
    response = client.get(page.url)
    assert "Set-Cookie" not in response.headers
    assert f"frame-src 'self' {page.video.frame_origin}" in response.headers["Content-Security-Policy"]


def test_a_shared_time_starts_the_player_there(client, replay_setting):
    page = replay(replay_setting["index"], replay_setting["day"])

    at_time = client.get(f"{page.url}?t=95").content.decode()
    junk = client.get(f"{page.url}?t=abc")
    beyond = client.get(f"{page.url}?t=999999").content.decode()

    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcdefghijk?start=95&amp;' in at_time
    assert junk.status_code == 200
    assert "start=" not in beyond.split('data-replay-player data-embed-url="')[1].split('"')[0]


def test_a_replay_without_chapters_renders(client, replay_setting):
    page = replay(replay_setting["index"], replay_setting["day"], related=0)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Transmettre les savoir-faire" in response.content.decode()


@pytest.mark.parametrize(
    "video_url", ["https://example.org/not-a-video", "javascript:alert(1)", "https://youtu.be/x"]
)
def test_bad_video_address_is_a_form_error(admin_client, replay_setting, video_url):
    setting = replay_setting
    data = replay_form(setting["day"], setting["speaker"], setting["technique"], video_url=video_url)

    response = admin_client.post(add_url(setting["index"]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["video_url"]
    assert not ReplayPage.objects.exists()


def test_bad_time_code_is_a_form_error(admin_client, replay_setting):
    setting = replay_setting
    data = replay_form(setting["day"], setting["speaker"], setting["technique"])
    data["chapters-0-time_code"] = "une heure"

    response = admin_client.post(add_url(setting["index"]), data)

    assert response.status_code == 200
    assert not ReplayPage.objects.exists()
    assert ReplayChapter.objects.count() == 0


def test_replay_query_count_does_not_grow_with_chapters_and_speakers(client, replay_setting):
    small = replay(replay_setting["index"], replay_setting["day"], slug="un", related=1)
    large = replay(replay_setting["index"], replay_setting["day"], slug="trente", related=30)
    for chapter in large.chapters.all():
        chapter.linked_page = replay_setting["technique"]
        chapter.save()
    small.chapters.update(linked_page=replay_setting["technique"])

    # Warm what each process remembers until content changes (the site, each address's route).
    client.get(small.url)
    client.get(large.url)
    with CaptureQueriesContext(connection) as with_one:
        client.get(small.url)
    with CaptureQueriesContext(connection) as with_thirty:
        html = client.get(large.url).content.decode()

    assert html.count('class="chapter"') == 30
    assert html.count('class="speaker"') == 30
    assert len(with_one) == len(with_thirty), [q["sql"] for q in with_thirty.captured_queries]
    assert len(with_thirty) <= QUERY_BUDGET, [q["sql"] for q in with_thirty.captured_queries]


def test_recorded_on_is_the_meeting_day(replay_setting):
    page = replay(replay_setting["index"], replay_setting["day"])
    assert page.recorded_on == datetime.date(2024, 6, 14)


def test_editor_previews_an_unsaved_replay_with_its_chapters(admin_client, replay_setting):
    setting = replay_setting
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("knowledge", "replaypage", setting["index"].pk)
    )
    data = replay_form(setting["day"], setting["speaker"], setting["technique"])

    assert admin_client.post(preview_url, data).json()["is_valid"]
    html = admin_client.get(preview_url).content.decode()

    assert "Questions de la salle" in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=123s"' in html
    assert "<iframe" not in html
    assert not ReplayPage.objects.exists()


def test_translated_replay_links_chapters_to_translated_pages(client, replay_setting, locales):
    setting = replay_setting
    french_replay = replay(setting["index"], setting["day"])
    french_replay.chapters.update(linked_page=setting["technique"])
    setting["index"].get_parent().specific.copy_for_translation(locales["en"]).save_revision().publish()
    for page in (setting["technique"].get_parent(), setting["technique"], setting["index"]):
        page.specific.copy_for_translation(locales["en"]).save_revision().publish()
    english_replay = french_replay.copy_for_translation(locales["en"])
    english_replay.save_revision().publish()
    english_technique = setting["technique"].get_translation(locales["en"])

    html = client.get(english_replay.url).content.decode()

    assert f'href="{english_technique.url}"' in html
    assert english_technique.url.startswith("/en/")
