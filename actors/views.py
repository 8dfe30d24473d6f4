"""The directory's responses: the list page, the map's GeoJSON, the embeddable map, the CSV export."""

import io

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.chrome import locale_code
from core.pictures import attach_pictures

from .directory import default_directory_for_language, faceted_directory
from .exchange import with_export_links, write_csv
from .geo import region_bounds
from .models import ActorDirectoryPage, ActorPage

ACTORS_PER_PAGE = 20
# The filters the list, the map, the embed view and the export share (the page number is not one).
PAGE_PARAMETER = "page"


def filter_query(request) -> str:
    """The request's filters as a query string (without the page number), for the map and export."""
    params = request.GET.copy()
    params.pop(PAGE_PARAMETER, None)
    return params.urlencode()


def map_context(directory, request) -> dict:
    query = filter_query(request)
    geojson_url = (
        reverse("actors_geojson")
        + f"?{query}"
        + ("&" if query else "")
        + (f"lang={locale_code(request, directory.locale_id)}")
    )
    return {
        "map_geojson_url": geojson_url,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_bounds": ",".join(str(edge) for edge in region_bounds()),
    }


def directory_page_response(directory, request):
    faceted = faceted_directory(directory, request.GET, request)
    actors = faceted.filtered().select_related("commune", "department").order_by("title")
    page_obj = Paginator(actors, ACTORS_PER_PAGE).get_page(request.GET.get(PAGE_PARAMETER))
    query = filter_query(request)
    context = directory.get_context(request)
    context.update(
        {
            "faceted": faceted,
            "facets": faceted.facets(),
            "chips": faceted.chips(),
            "unknown_filters": faceted.unknown,
            "page_obj": page_obj,
            "actors": attach_pictures(page_obj.object_list),
            "query_prefix": f"{query}&" if query else "",
            "export_url": directory.url
            + directory.reverse_subpage("export")
            + (f"?{query}" if query else ""),
            "embed_url": directory.full_url + directory.reverse_subpage("embed"),
            **map_context(directory, request),
        }
    )
    return TemplateResponse(request, directory.get_template(request), context)


def embed_map_response(directory, request):
    """The map alone, for an iframe on another site: frameable, and only this view."""
    context = {"page": directory, "self": directory, **map_context(directory, request)}
    response = TemplateResponse(request, "actors/embed_map.html", context)
    response.xframe_options_exempt = True
    # django-csp 4 reads this per-response replacement; frame-ancestors changes for this view only.
    response._csp_replace = {"frame-ancestors": list(settings.ACTORS_EMBED_FRAME_ANCESTORS)}
    return response


def exported_actors(directory, params):
    actors = faceted_directory(directory, params).filtered()
    return with_export_links(actors, directory.locale).order_by("title")


def csv_export_response(directory, request):
    output = io.StringIO()
    # The byte-order mark lets spreadsheets open the file as UTF-8; the importer accepts it.
    output.write("\ufeff")
    write_csv(exported_actors(directory, request.GET), output)
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="acteurs.csv"'
    return response


def actor_feature(actor: ActorPage, url: str) -> dict:
    return {
        "type": "Feature",
        "id": actor.pk,
        "geometry": {"type": "Point", "coordinates": [float(actor.longitude), float(actor.latitude)]},
        "properties": {
            "name": actor.title,
            "url": url,
            "kind": str(actor.get_kind_display()),
            "commune": actor.commune.name,
            "department": actor.department.code,
            "member": actor.is_member,
            "approximate": actor.approximate_location,
        },
    }


def requested_language(request) -> str:
    """``?lang=`` when it names a configured language (an embedding site picks it), else the
    active one: any other value is ignored and never reaches a query."""
    asked = request.GET.get("lang")
    if asked in dict(settings.LANGUAGES):
        return asked
    return get_language() or settings.LANGUAGE_CODE


@require_safe
def actors_geojson(request):
    """The filtered actors as a GeoJSON FeatureCollection ([longitude, latitude], WGS84)."""
    directory = default_directory_for_language(requested_language(request))
    if directory is None:
        raise Http404("No directory page.")
    actors = (
        faceted_directory(directory, request.GET, request)
        .filtered()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("commune", "department", "locale")
        .order_by("title")
    )
    features = [actor_feature(actor, actor.get_url(request)) for actor in actors]
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


ActorDirectoryPage.register_route_responses(
    directory=directory_page_response, embed=embed_map_response, export=csv_export_response
)
