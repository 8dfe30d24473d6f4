"""The news: the network's own articles and its watch of the sector (links to a source elsewhere).

One index lists both, newest first, filtered by kind, scope, theme and department with the facet
engine (``news.listing``); the index and any filter of it are also RSS and Atom feeds.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.facets import Facet, FacetedSearch
from core.listings import ListingIndexMixin
from core.pages import BasePage
from core.pictures import PictureMixin
from core.visibility import visible
from knowledge.taxonomy import DEPARTMENT_FACET, THEME_FACET, Department, Theme


def news_facets(locale_id) -> list[Facet]:
    """The index's filters: kind, scope, theme and department (terms of the index's language)."""

    def terms(model):
        return lambda: dict(model.objects.filter(locale_id=locale_id).values_list("slug", "name"))

    return [
        Facet.from_lookup(
            "kind", _("Kind"), NewsItemPage, "kind", choices=lambda: dict(NewsItemPage.Kind.choices)
        ),
        Facet.from_lookup(
            "scope", _("Scope"), NewsItemPage, "scope", choices=lambda: dict(NewsItemPage.Scope.choices)
        ),
        Facet.from_lookup("theme", _("Theme"), NewsItemPage, "theme__slug", choices=terms(Theme)),
        Facet.from_lookup(
            "department", _("Department"), NewsItemPage, "department__slug", choices=terms(Department)
        ),
    ]


class NewsIndexPage(RoutablePageMixin, ListingIndexMixin, BasePage):
    """The news: every item below it, newest first, with its filters and its feeds."""

    subpage_types = ["news.NewsItemPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("News")
    listing_order = ("-date", "-pk")
    listing_select_related = ("theme", "department")
    listing_page_size = 20

    class Meta:
        verbose_name = _("news index")

    def faceted(self, request) -> FacetedSearch:
        """The items below this index with the request's filters (``?kind=watch&theme=…``),
        computed once per request."""
        params = request.GET if request is not None else {}
        key = params.urlencode() if hasattr(params, "urlencode") else ""
        cache = self.__dict__.setdefault("_faceted", {})
        if key not in cache:
            items = visible(NewsItemPage.objects.child_of(self), self.locale_id)
            cache[key] = FacetedSearch.over(items, news_facets(self.locale_id), params)
        return cache[key]

    def listing_page(self, request):
        """The page of the filtered listing the request asks for."""
        faceted = self.faceted(request)
        key = (request.GET.urlencode(), request.GET.get("page")) if request is not None else ("", None)
        cache = self.__dict__.setdefault("_listing_pages", {})
        if key not in cache:
            items = (
                faceted.filtered().select_related(*self.listing_select_related).order_by(*self.listing_order)
            )
            cache[key] = Paginator(items, self.listing_page_size).get_page(key[1])
        return cache[key]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        faceted = self.faceted(request)
        query = faceted.url()
        query = "" if query == "?" else query
        context.update(
            faceted=faceted,
            facets=faceted.facets(),
            chips=faceted.chips(),
            unknown_filters=faceted.unknown,
            query_prefix=f"{query[1:]}&" if query else "",
            rss_url=self.url + self.reverse_subpage("rss") + query,
            atom_url=self.url + self.reverse_subpage("atom") + query,
        )
        return context

    # The feeds are built by news.feeds, which imports these models: it registers them here, as
    # actors.views does for the directory.
    route_responses: dict = {}

    @classmethod
    def register_route_responses(cls, **responses) -> None:
        cls.route_responses.update(responses)

    @path("rss/", name="rss")
    def rss(self, request):
        return self.route_responses["rss"](self, request)

    @path("atom/", name="atom")
    def atom(self, request):
        return self.route_responses["atom"](self, request)


class NewsItemPage(PictureMixin, BasePage):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Network article")
        WATCH = "watch", _("Sector watch")

    class Scope(models.TextChoices):
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")
        EUROPEAN = "european", _("European")

    kind = models.CharField(
        _("kind of item"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.ARTICLE,
        help_text=_("An article written by the network, or a watch item pointing to a source elsewhere."),
    )
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The date of the news (for a watch item: the date of the source)."),
    )
    scope = models.CharField(
        _("scope"),
        max_length=10,
        choices=Scope.choices,
        default=Scope.REGIONAL,
        help_text=_("Whom the news concerns: the region, France, or Europe."),
    )
    theme = models.ForeignKey(
        "knowledge.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
        help_text=_("Optional: the theme of the news."),
    )
    department = models.ForeignKey(
        "knowledge.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("Optional: the department it concerns, for regional news."),
    )
    source_name = models.CharField(
        _("source organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a watch item: who published the news (a ministry, a federation, a paper…)."),
    )
    source_url = models.URLField(
        _("source address"), blank=True, help_text=_("For a watch item: the address of the original news.")
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The article. For a watch item, the summary above is usually enough."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
                FieldRowPanel([FieldPanel("scope"), FieldPanel("theme"), FieldPanel("department")]),
            ],
            heading=_("The news"),
        ),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")],
            heading=_("Source (watch items)"),
        ),
        PictureMixin.picture_panel,
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("source_name"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("scope"),
        index.FilterField("date"),
        index.FilterField("theme"),
        index.FilterField("department"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    kind_label = _("News")
    schema_type = "NewsArticle"
    search_kind = "news"
    search_facets = [DEPARTMENT_FACET.on("department__slug"), THEME_FACET.on("theme__slug")]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @property
    def is_watch(self):
        return self.kind == self.Kind.WATCH

    def clean(self):
        super().clean()
        if self.kind == self.Kind.WATCH:
            errors = {}
            if not self.source_name:
                errors["source_name"] = _("A watch item names its source.")
            if not self.source_url:
                errors["source_url"] = _("A watch item links to its source.")
            if not self.summary:
                errors["summary"] = _("A watch item needs the editor's summary.")
            if errors:
                raise ValidationError(errors)

    def json_ld(self, request=None):
        data = super().json_ld(request)
        data["headline"] = self.title[:110]
        data["datePublished"] = self.date.isoformat()
        if self.first_published_at:
            data["dateModified"] = timezone.localtime(
                self.last_published_at or self.first_published_at
            ).isoformat()
        if self.is_watch:
            data["isBasedOn"] = {
                "@type": "CreativeWork",
                "url": self.source_url,
                "publisher": {"@type": "Organization", "name": self.source_name},
            }
        return data
