"""``{% remember "name" page %}...{% endremember %}``: the HTML between, for ``page`` as published,
kept by the process until content changes (``core.page_memory.remembered_html``).

Only for what derives from published content alone: no form with a CSRF token, nothing for the
visitor (a user's name, a ``?`` parameter), nothing that changes with time (an open offer), no
variable set inside and read after. Without a page (``None``: a view of the app's own, such as the
search), the HTML is kept once per site and language: use it there only for what does not depend
on the address.
"""

from django import template

from core.page_memory import remembered_html

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist, name, page):
        self.nodelist, self.name, self.page = nodelist, name, page

    def render(self, context):
        page = self.page.resolve(context) or None  # a variable not in the context resolves to ""
        render = lambda: self.nodelist.render(context)  # noqa: E731
        if page is not None and not hasattr(page, "pk"):
            return render()
        return remembered_html(context.get("request"), page, self.name.resolve(context), render)


@register.tag
def remember(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError('Use {% remember "name" page %}...{% endremember %}.')
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
