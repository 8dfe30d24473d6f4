"""The one rule for every place that names a page (listings, facets, chips, links, exports,
feeds, the sitemap): live, public (no password or group restriction on it or an ancestor), and
in the locale asked for."""


def visible(queryset, locale=None):
    """``queryset`` (pages of any type) narrowed to what an anonymous visitor may be shown."""
    queryset = queryset.live().public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset
