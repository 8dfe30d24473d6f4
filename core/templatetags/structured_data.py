import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.sharing import opengraph_locale, share_links, social_image_url

register = template.Library()

# json.dumps leaves "<", ">" and "&" as they are; inside a <script> they could close it early.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The page's schema.org data (``page.json_ld``) as a JSON-LD script, or nothing."""
    data = page.json_ld(context.get("request")) if hasattr(page, "json_ld") else None
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def social_meta(context, page):
    """OpenGraph and Twitter-card tags: what a link preview on a social network shows."""
    request = context.get("request")
    url = page.get_full_url(request)
    title = page.seo_title or page.title
    image = social_image_url(page, url)
    tags = [
        ("property", "og:type", "article" if page.schema_type in ("NewsArticle", "Article") else "website"),
        ("property", "og:site_name", _("Heritage resource centre")),
        ("property", "og:title", title),
        ("property", "og:description", str(page.get_meta_description())),
        ("property", "og:url", url),
        # The page is served in its own language: the active one (page.locale would cost a query).
        ("property", "og:locale", opengraph_locale(get_language())),
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", str(page.get_meta_description())),
    ]
    if image:
        tags += [("property", "og:image", image), ("name", "twitter:image", image)]
        alt = getattr(page, "social_image_alt", "")
        if alt:
            tags += [("property", "og:image:alt", alt), ("name", "twitter:image:alt", alt)]
    return format_html_join("\n    ", '<meta {}="{}" content="{}">', tags)


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_page(context, page):
    """Share links to the networks (plain links) and the Mastodon form."""
    url = page.get_full_url(context.get("request"))
    return {"links": share_links(url, page.title), "url": url, "title": page.title}
