import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page, Site

register = template.Library()

# json.dumps leaves "<", ">" and "&" as they are; inside a <script> they could close it early.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    data = page.json_ld(context.get("request")) if hasattr(page, "json_ld") else None
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site in the visitor's language (falls back to French)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    root = site.root_page
    try:
        return root.get_translation(Locale.get_active())
    except (Page.DoesNotExist, Locale.DoesNotExist):
        return root


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    root = site_root(context)
    pages = root.get_children().live().public().in_menu() if root else []
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = [{"page": item, "is_current": current_path.startswith(item.path)} for item in pages]
    return {"items": items}


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The plain pages just under the home page (about, legal notice...), linked from the footer."""
    from home.models import StandardPage

    root = site_root(context)
    if root is None:
        return []
    return list(StandardPage.objects.child_of(root).live().public().order_by("path").only("title", "url_path"))


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages, or to the other home pages when not translated."""
    page = context.get("page")
    active = Locale.get_active()
    links = []
    for locale in Locale.objects.exclude(pk=active.pk):
        target = None
        if isinstance(page, Page):
            target = page.get_translation_or_none(locale)
            if target is not None and not target.live:
                target = None
        if target is None:
            root = site_root(context)
            target = root.get_translation_or_none(locale) if root else None
        if target is not None:
            links.append({"locale": locale, "url": target.url, "name": locale.get_display_name()})
    return {"links": links}


@register.simple_tag(takes_context=True)
def alternate_languages(context, page):
    """<link rel="alternate" hreflang> for every live translation of the page (search engines)."""
    if not isinstance(page, Page):
        return ""
    request = context.get("request")
    links = [
        format_html(
            '<link rel="alternate" hreflang="{}" href="{}">',
            translation.locale.language_code,
            translation.get_full_url(request),
        )
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    ]
    return mark_safe("\n  ".join(links)) if len(links) > 1 else ""
