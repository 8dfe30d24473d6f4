import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
