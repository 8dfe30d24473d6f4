"""What the directory, its map (GeoJSON), its embed view and its CSV export show: one filtered set.

The facets use the search app's facet engine (OR within a facet, AND across facets, each facet's
counts ignore its own selection), so the directory follows the same rules as the search page.
"""

from django.db.models import Case, CharField, F, Value, When
from django.utils.translation import gettext_lazy as _

from core.chrome import remembered
from core.facets import Facet, FacetedSearch
from core.visibility import visible
from knowledge.models import LabelPage
from knowledge.taxonomy import Department, Domain
from trades.models import TradeProfilePage

from .models import ActorDirectoryPage, ActorPage

MEMBER_CHOICES = {"yes": _("Member of the network"), "no": _("Not a member")}


def _member_pairs():
    return ActorPage.objects.annotate(
        item=F("pk"),
        value=Case(When(is_member=True, then=Value("yes")), default=Value("no"), output_field=CharField()),
    ).values("item", "value")


def directory_facets(directory: ActorDirectoryPage) -> list[Facet]:
    locale = directory.locale_id

    def terms(model):
        return lambda: dict(model.objects.filter(locale=locale).values_list("slug", "name"))

    def pages(model):
        # Only visible pages are valid values: any other slug is ignored, and never shown.
        return lambda: dict(visible(model.objects, locale).order_by("title").values_list("slug", "title"))

    return [
        Facet.from_lookup(
            "kind", _("Kind of actor"), ActorPage, "kind", choices=lambda: dict(ActorPage.Kind.choices)
        ),
        Facet.from_lookup(
            "department",
            _("Department"),
            ActorPage,
            "department__slug",
            choices=lambda: {
                slug: f"{name} ({code})"
                for slug, name, code in Department.objects.filter(locale=locale).values_list(
                    "slug", "name", "code"
                )
            },
        ),
        Facet.from_lookup("domain", _("Domain"), ActorPage, "domains__slug", choices=terms(Domain)),
        Facet.from_lookups(
            "trade",
            _("Trade taught or practised"),
            ActorPage,
            ["trades_taught__slug", "trades_practised__slug"],
            choices=pages(TradeProfilePage),
        ),
        Facet.from_lookup("label", _("Label held"), ActorPage, "labels__slug", choices=pages(LabelPage)),
        Facet(name="member", label=_("Membership"), pairs=_member_pairs, choices=lambda: MEMBER_CHOICES),
    ]


def directory_actors(directory: ActorDirectoryPage):
    return visible(ActorPage.objects.child_of(directory))


def faceted_directory(directory: ActorDirectoryPage, params, request=None) -> FacetedSearch:
    """The directory's actors faceted by ``params``. With the ``request``, the facet index and
    the choices are remembered by the process until content changes (core.chrome)."""
    items, facets = directory_actors(directory), directory_facets(directory)
    if request is None:
        return FacetedSearch.over(items, facets, params)
    index, choices = remembered(
        request, ("directory_facets", directory.pk), lambda: FacetedSearch.index_over(items, facets)
    )
    faceted = FacetedSearch(index, facets, params, choices)
    faceted.items = items
    return faceted


def default_directory_for_language(language_code: str) -> ActorDirectoryPage | None:
    return (
        visible(ActorDirectoryPage.objects).filter(locale__language_code=language_code).first()
        or visible(ActorDirectoryPage.objects).filter(locale__language_code="fr").first()
    )
