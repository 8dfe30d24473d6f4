from django import template

from actors.links import linked_actor_sections

register = template.Library()


@register.inclusion_tag("actors/includes/linked_actors.html", takes_context=True)
def linked_actors(context, page):
    """The actors linked to a trade, label, know-how or opportunity page: {% linked_actors page %}."""
    return {"sections": linked_actor_sections(page), "request": context.get("request")}
