from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core.markup import html_format, html_join

register = template.Library()

# Messages of the catalogue are the site's own text: not escaped, as {% translate %} leaves them.


@register.simple_tag
def facet_fieldsets(facets, base_path):
    """Every facet that has options, each a fieldset of checkboxes, with the link that shows its
    other values (or only the shortlist again); ``base_path``: the listing's address, which the
    links' query strings follow.

    Built here (with ``core.markup``) rather than by including a template per facet that loops
    over its options: the template engine took about 0.1 ms per option and per include, a good
    part of a search page's time.
    """
    return mark_safe("\n".join(_fieldset(facet, base_path) for facet in facets if facet.options))


def _fieldset(facet, base_path):
    return html_format(
        '<fieldset class="facet" data-facet="{}">\n  <legend>{}</legend>\n'
        '  <ul class="facet__options">\n    {}\n  </ul>{}\n</fieldset>',
        facet.name,
        facet.label,
        facet_options(facet),
        _more_or_fewer_link(facet, base_path),
    )


def facet_options(facet):
    """The options of a facet, each a checkbox with its label and count."""
    return html_join(
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


def _more_or_fewer_link(facet, base_path):
    """The link to every value of a shortened facet, or back to its shortlist; or nothing."""
    if facet.more_url:
        url = facet.more_url
        text = ngettext("Show %(counter)s more value", "Show %(counter)s more values", facet.hidden)
        text = mark_safe(text % {"counter": facet.hidden})
    elif facet.less_url:
        url, text = facet.less_url, mark_safe(gettext("Show fewer values"))
    else:
        return ""
    # The facet's name follows, for screen readers: each facet has a link of the same words.
    return html_format(
        '\n  <a class="facet__more" href="{}{}">{}<span class="visually-hidden"> ({})</span></a>',
        base_path,
        url,
        text,
        facet.label,
    )


@register.simple_tag
def facet_chips(chips, base_path, clear_url=None):
    """The selected filters, each a link that removes it, then one that removes them all (to
    ``clear_url``; by default ``base_path``, the listing without a filter). ``chips``: (facet
    label, value label, query string without that value), as ``FacetedSearch.chips`` gives.
    """
    remove_the_filter = mark_safe(gettext("Remove the filter"))
    return html_format(
        '<ul class="chips" aria-label="{}">\n{}\n'
        '  <li><a class="chip chip--clear" href="{}">{}</a></li>\n</ul>',
        mark_safe(gettext("Active filters")),
        html_join(
            "\n",
            '  <li><a class="chip" href="{}{}"><span class="visually-hidden">{} </span>{} : {} '
            '<span aria-hidden="true">×</span></a></li>',  # noqa: RUF001 (the multiplication sign)
            ((base_path, url, remove_the_filter, facet, label) for facet, label, url in chips),
        ),
        base_path if clear_url is None else clear_url,
        mark_safe(gettext("Remove all filters")),
    )
