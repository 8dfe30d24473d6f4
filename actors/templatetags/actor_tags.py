from django import template

from actors.links import linked_actor_sections
from core.page_memory import page_remembered

register = template.Library()


@register.inclusion_tag("actors/includes/linked_actors.html", takes_context=True)
def linked_actors(context, page):
    """The actors linked to a trade, label, know-how or opportunity page: {% linked_actors page %}.
    Kept by the process until content changes (core.page_memory)."""
    request = context.get("request")
    sections = page_remembered(request, page, "linked_actors", lambda: linked_actor_sections(page))
    return {"sections": sections, "request": request}
