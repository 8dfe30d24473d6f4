from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def facet_options(facet):
    """The options of a facet, each a checkbox with its label and count.

    Built here rather than in a template loop: a facet column has up to 80 options, and the
    template engine took about 0.1 ms for each, a tenth of a search page's time.
    """
    return format_html_join(
        "\n",
        '<li><input type="checkbox" id="{0}" name="{1}" value="{2}"{3}><label for="{0}">{4} '
        '<span class="facet__count">({5}<span class="visually-hidden"> {6}</span>)</span></label></li>',
        (
            (
                option.input_id,
                facet.name,
                option.value,
                mark_safe(" checked") if option.selected else "",
                option.label,
                option.count,
                option.results_word,
            )
            for option in facet.options
        ),
    )
