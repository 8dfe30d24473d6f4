"""schema.org helpers every page type shares (JSON-LD is built in Python, rendered by base.html)."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.templatetags.static import static
from django.utils.html import strip_tags

from .chrome import locale_code

SCHEMA_CONTEXT = "https://schema.org"
REPLAY_POSTER = "img/replay-poster.svg"


def iso_duration(duration: timedelta) -> str:
    """An ISO 8601 duration, e.g. PT1H5M or PT45S."""
    total = max(int(duration.total_seconds()), 0)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = "".join(
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value
    )
    return f"PT{parts or '0S'}"


def plain_text(html) -> str:
    return " ".join(strip_tags(str(html)).split())


def absolute_static_url(path: str, page_url: str) -> str:
    """A static file's full address, on the same host as the page that refers to it."""
    url = static(path)
    if url.startswith(("http://", "https://")) or not page_url:
        return url
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}{url}"


def organization(name: str, url: str = "") -> dict:
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def page_basics(page, request, schema_type: str) -> dict:
    """What every page says about itself."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": schema_type,
        "name": page.title,
        "url": page.get_full_url(request),
        "inLanguage": locale_code(request, page.locale_id),
        "description": str(page.get_meta_description()),
    }


def collection_page(page, request, page_of_items) -> dict:
    """schema.org CollectionPage of an index: its main entity lists the pages shown on this page of
    the listing (a Django paginator page), numbered across pages, with the total count."""
    data = page_basics(page, request, "CollectionPage")
    data["mainEntity"] = {
        "@type": "ItemList",
        "numberOfItems": page_of_items.paginator.count,
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": item.get_full_url(request), "name": item.title}
            for position, item in enumerate(page_of_items, start=page_of_items.start_index())
        ],
    }
    return data


def faq_page(page, request, entries) -> dict:
    """schema.org FAQPage of a page listing questions with their answers: ``entries`` are
    (question, answer, url) triples, the answer as HTML or text (tags are dropped)."""
    data = page_basics(page, request, "FAQPage")
    data["mainEntity"] = [
        {
            "@type": "Question",
            "name": question,
            "url": url,
            "acceptedAnswer": {"@type": "Answer", "text": plain_text(answer), "url": url},
        }
        for question, answer, url in entries
    ]
    return data
