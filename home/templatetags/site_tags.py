from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from wagtail.models import Page

from core.chrome import page_translations, remembered, site_home, waiting_translation_source
from core.visibility import visible, visible_ids
from home.models import SiteSettings

register = template.Library()

# The menu, the footer links and the home pages of the other languages are the same on every
# page of a site: remembered by the process until content changes (``core.chrome``).


def _cached_for_site(context, name, root, compute):
    """``compute()``, remembered per site root until content changes."""
    return remembered(context.get("request"), ("site-chrome", name, root.pk), compute)


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site in the visitor's language (falls back to French)."""
    return site_home(context.get("request"))


def _menu_entries(context) -> list[tuple[str, str, str]]:
    """[(title, url, tree path)] of the main menu, remembered per site root."""
    root = site_root(context)
    if root is None:
        return []
    request = context.get("request")
    return _cached_for_site(
        context,
        "menu",
        root,
        lambda: [
            (page.title, page.get_url(request), page.path) for page in visible(root.get_children()).in_menu()
        ],
    )


def _current_path(context) -> str:
    current = context.get("page")
    return current.path if isinstance(current, Page) else ""


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    current_path = _current_path(context)
    return {
        "items": [
            {"title": title, "url": url, "is_current": current_path.startswith(path)}
            for title, url, path in _menu_entries(context)
        ]
    }


@register.simple_tag(takes_context=True)
def header_memory_name(context) -> str:
    """The name the header is kept under (``{% remember %}``): one per menu entry that a page may
    be under, as the header marks that entry, rather than one per page."""
    current_path = _current_path(context)
    entries = _menu_entries(context)
    section = next((path for _title, _url, path in entries if current_path.startswith(path)), "")
    return f"header {section}"


@register.simple_tag(takes_context=True)
def footer_links(context):
    """[(title, url)] of the about and legal notice pages chosen in the site settings, in the
    visitor's language when translated."""
    root = site_root(context)
    request = context.get("request")
    if root is None or request is None:
        return []

    def find():
        site_settings = SiteSettings.for_request(request)
        chosen = [site_settings.about_page, site_settings.legal_notice_page]
        pages = [page.localized for page in chosen if page is not None]
        shown = visible_ids(pages)
        return [(page.title, page.get_url(request)) for page in pages if page.pk in shown]

    return _cached_for_site(context, f"footer-{get_language()}", root, find)


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages, or to the other home pages when not translated.

    A view of the app's own (the search) links to itself in the other language, with the same
    parameters: facet values are the same slugs in every language.
    """
    page = context.get("page")
    request = context.get("request")
    active_code = get_language()
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    translations = {}
    if isinstance(page, Page):
        translations = {
            code: url for code, url, _full_url in page_translations(request, page) if code != active_code
        }
    elif request is not None and _is_app_view(request):
        translations = {code: _app_view_url_in(request, code) for code in names if code != active_code}
    root = site_root(context)
    if root is not None:
        homes = _cached_for_site(
            context,
            "homes",
            root,
            lambda: {
                home.locale.language_code: home.url
                for home in visible(root.get_translations()).select_related("locale")
            },
        )
        translations = {**homes, **translations}
    links = [
        {"language_code": code, "url": translations[code], "name": names[code]}
        for code in names
        if code != active_code and code in translations
    ]
    return {"links": links}


def _app_view_url_in(request, language_code: str) -> str:
    """The address of the app's view of ``request`` in that language, query string kept.

    What ``translate_url(request.get_full_path(), language_code)`` gives, from the match the
    request already has: resolving the path again took most of the switcher's time.
    """
    match = request.resolver_match
    with override(language_code):
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def _is_app_view(request) -> bool:
    """A view routed by the app's own URLs (Wagtail's page paths differ between languages)."""
    match = request.resolver_match
    return match is not None and match.url_name not in (None, "wagtail_serve")


@register.simple_tag(takes_context=True)
def alternate_languages(context, page):
    """<link rel="alternate" hreflang> for every visible translation of the page (search engines)."""
    if not isinstance(page, Page):
        return ""
    request = context.get("request")
    links = [
        format_html('<link rel="alternate" hreflang="{}" href="{}">', code, full_url)
        for code, _url, full_url in page_translations(request, page)
    ]
    return mark_safe("\n  ".join(links)) if len(links) > 1 else ""


@register.inclusion_tag("components/translation_notice.html", takes_context=True)
def translation_notice(context, page):
    """On a translation still waiting for its strings (it shows its source's text): says so, and
    links to the page in the site's first language."""
    if not isinstance(page, Page):
        return {}
    source = waiting_translation_source(context.get("request"), page)
    if source is None:
        return {}
    code, url = source
    return {"source_url": url, "source_language_code": code, "source_language": _language_name(code)}


def _language_name(code: str) -> str:
    from django.utils.translation import get_language_info

    return get_language_info(code)["name_translated"]


@register.simple_tag(takes_context=True)
def ancestor_links(context, page):
    """[(title, url)] of the page's ancestors below the home page, its parent last, remembered by
    the process: the breadcrumb and the links back to an index read them."""
    request = context.get("request")
    if not isinstance(page, Page):
        return []

    def find():
        return [(ancestor.title, ancestor.get_url(request)) for ancestor in page.get_ancestors()[2:]]

    if page.pk is None:  # a preview of a page not saved yet
        return find()
    site = site_root(context)
    return remembered(request, ("ancestors", site.pk if site else None, page.path), find)
