"""The editors' desk: panels on the admin's home page, each listing what needs doing in one
area (offers closing, pages to review, questions late...), with a count, the first few items and
a link to the full list in the admin.

An app describes its panels with ``DeskPanel`` and registers them in its ``wagtail_hooks.py``::

    desk.register(DeskPanel(
        key="offers-closing",
        title=_("Offers closing within 7 days"),
        description=_("Open offers whose closing date comes within a week."),
        items=lambda: OpportunityPage.objects.filter(...).order_by("closing_date"),
        permission=pages_they_may_edit,
        note=lambda offer: ...,
    ))

``core/wagtail_hooks.py`` shows them through Wagtail's ``construct_homepage_panels`` hook and
serves the full lists at ``/admin/desk/<key>/``. A panel is shown only to the users its
``permission`` lets act on it, and lists only what they may act on; whatever the amount of
content, it costs a fixed handful of queries (the first items, the count when there are more,
the permission check).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .errors import admin_forbidden
from .spreadsheet import safe_cell

# How many items a panel shows on the home page; the link leads to all of them.
SHOWN_ON_DESK = 5


def _no_note(item) -> str:
    return ""


@dataclass(frozen=True)
class Permission:
    """Who sees a panel (``may_see``) and what of its items they may act on (``restrict``)."""

    may_see: Callable
    restrict: Callable = field(default=lambda user, queryset: queryset)


def model_permission(codename: str) -> Permission:
    """Users with the Django permission ``app_label.codename`` (snippets, registrations...)."""
    return Permission(may_see=lambda user: user.has_perm(codename))


def page_permission(model, action: str = "change", through: str = "") -> Permission:
    """Users who may ``action`` (edit, by default) some pages of type ``model``, as Wagtail's page
    permissions say (a group's rights on a part of the tree); they see only those pages (or the
    items of those pages, ``through`` naming the items' page: "programme"). An editor of the
    agenda alone sees no panel about trades."""
    policy = PagePermissionPolicy()
    lookup = f"{through}__pk__in" if through else "pk__in"

    def restrict(user, queryset):
        if user.is_superuser:
            return queryset
        allowed = policy.instances_user_has_permission_for(user, action)
        return queryset.filter(**{lookup: allowed.values("pk")})

    def may_see(user):
        if user.is_superuser:
            return True
        allowed = policy.instances_user_has_permission_for(user, action)
        return model.objects.filter(pk__in=allowed.values("pk")).exists()

    return Permission(may_see=may_see, restrict=restrict)


@dataclass(frozen=True)
class DeskPanel:
    """One panel of the desk.

    ``items`` returns everything the panel is about, ordered (most urgent first), with what
    ``note`` and ``label`` read selected; ``note`` says in a few words why an item is there
    (« closes on 4 December »); ``url_of`` gives the address a row links to (by default the
    item's editing page in the admin). ``listing_url`` may name an existing admin listing that shows
    the same items (a snippet listing with its filters); by default the desk's own list.
    """

    key: str
    title: Promise | str
    description: Promise | str
    items: Callable[[], QuerySet]
    permission: Permission
    note: Callable = _no_note
    label: Callable = str
    url_of: Callable | None = None
    order: int = 500
    listing_url: Callable | None = None

    def may_see(self, user) -> bool:
        return bool(user.is_active and self.permission.may_see(user))

    def queryset(self, user) -> QuerySet:
        return self.permission.restrict(user, self.items())

    def edit_url(self, item, user) -> str:
        if self.url_of is not None:
            return self.url_of(item)
        if isinstance(item, Page):
            return reverse("wagtailadmin_pages:edit", args=[item.pk])
        return AdminURLFinder(user).get_edit_url(item) or ""

    def url(self) -> str:
        return self.listing_url() if self.listing_url else reverse("desk_listing", args=[self.key])

    def summary(self, user, shown: int = SHOWN_ON_DESK):
        """(count, first items): one query when they all fit in the panel, two otherwise."""
        queryset = self.queryset(user)
        first = list(queryset[: shown + 1])
        count = len(first) if len(first) <= shown else queryset.count()
        return count, first[:shown]


class Desk:
    def __init__(self):
        self._panels: dict[str, DeskPanel] = {}

    def register(self, panel: DeskPanel) -> DeskPanel:
        if panel.key in self._panels and self._panels[panel.key] != panel:
            raise ValueError(f"Two desk panels are called {panel.key!r}.")
        self._panels[panel.key] = panel
        return panel

    def panels(self) -> list[DeskPanel]:
        return sorted(self._panels.values(), key=lambda panel: (panel.order, panel.key))

    def panel(self, key: str) -> DeskPanel:
        try:
            return self._panels[key]
        except KeyError:
            raise Http404(key) from None

    def panels_for(self, user) -> list[DeskPanel]:
        return [panel for panel in self.panels() if panel.may_see(user)]


desk = Desk()


class DeskPanelComponent(Component):
    """One panel on the admin's home page (Wagtail's homepage panel component)."""

    template_name = "core/desk/panel.html"

    def __init__(self, panel: DeskPanel):
        self.panel = panel
        self.name = f"desk-{panel.key}"
        self.order = panel.order

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        count, items = self.panel.summary(user)
        rows = [
            {
                "label": self.panel.label(item),
                "note": self.panel.note(item),
                "url": self.panel.edit_url(item, user),
            }
            for item in items
        ]
        return {"panel": self.panel, "count": count, "rows": rows, "more": count > len(rows)}


def add_desk_panels(request, panels):
    """The ``construct_homepage_panels`` hook: the desk's panels the user may act on, first."""
    panels.extend(DeskPanelComponent(panel) for panel in desk.panels_for(request.user))


class DeskListingView(ReportView):
    """Everything a panel is about, 50 a page, exportable as a spreadsheet like Wagtail's reports."""

    header_icon = "tasks"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        self.panel = desk.panel(kwargs["key"])
        if not self.panel.may_see(request.user):
            return admin_forbidden(
                request,
                self.panel.title,
                _("Your account has no right on what this list is about. Ask an administrator."),
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.panel.title

    def get_index_url(self):
        return reverse("desk_listing", args=[self.panel.key])

    def get_queryset(self):
        return self.panel.queryset(self.request.user)

    @property
    def columns(self):
        user = self.request.user
        return [
            TitleColumn(
                "label",
                label=_("What"),
                accessor=self.panel.label,
                get_url=lambda item: self.panel.edit_url(item, user),
            ),
            Column("note", label=_("Why it is here"), accessor=self.panel.note),
        ]

    list_export = ["label", "note"]
    export_headings = {"label": _("What"), "note": _("Why it is here")}

    def get_filename(self):
        return f"bureau-{self.panel.key}"

    def to_row_dict(self, item):
        return {
            "label": safe_cell(str(self.panel.label(item))),
            "note": safe_cell(str(self.panel.note(item))),
        }
