"""The content generation: one token that changes whenever what a visitor may see has changed.

Each server process keeps in memory what public pages read on every request and what changes
only with content: the site chrome (``core.chrome``), the search snapshots. It compares this
token, one tiny query per request, to know whether its copy is current: a page published in
one process shows at once in every other. The token is random, not a counter, so that a
rolled-back change can never make an old copy look current again.

Changes that set a new token, in the same transaction: a page saved, published, unpublished,
moved or deleted; a view restriction, site, locale, site setting, image or document saved or
deleted; and any model that declares ``changes_public_content = True`` (the taxonomy terms do). Apps that keep
derived tables (search's facet values) call ``content_changed`` after rewriting them.
"""

import functools
import uuid

from django.db import connection, models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from . import public_address

GENERATION_ID = 1


class ContentGeneration(models.Model):
    """A single row holding the current token (the table was search's, hence its name)."""

    token = models.CharField(
        _("token"), max_length=32, help_text=_("Changes on every change of public content.")
    )

    class Meta:
        app_label = "core"
        db_table = "search_searchgeneration"
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")

    def __str__(self):
        return self.token


def content_changed() -> None:
    """Mark every process's copy out of date (inside the caller's transaction, if any)."""
    token = uuid.uuid4().hex
    public_address.forget()
    if not ContentGeneration.objects.filter(pk=GENERATION_ID).update(token=token):
        ContentGeneration.objects.update_or_create(pk=GENERATION_ID, defaults={"token": token})


_TOKEN_SQL = f"SELECT token FROM {ContentGeneration._meta.db_table} WHERE id = %s"  # noqa: S608 (our table)


def current_generation(request=None) -> str:
    """The generation token, read once per request."""
    cached = getattr(request, "_content_generation", None)
    if cached is not None:
        return cached
    # Plain SQL: this runs on every request (a page-cache hit is little else), and the ORM's
    # query building cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute(_TOKEN_SQL, [GENERATION_ID])
        row = cursor.fetchone()
    token = row[0] if row else ""
    if request is not None:
        request._content_generation = token
    return token


class GenerationMemory:
    """What a process keeps for the current content generation only: emptied when the token
    changes (no key of an older generation can be asked again, so its entries would only weigh)
    and past ``max_entries`` (some keys come from clients: host names, addresses).

    Keys hold the token too: a thread still working with an older token never reads, nor stores,
    a value under the new one."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._generation = ""
        self._entries: dict[tuple, object] = {}

    def get(self, request, key: tuple, compute, keep_none: bool = True):
        """``compute()`` for ``key``, computed once per generation (``keep_none=False``: a None
        is computed again next time)."""
        generation = current_generation(request)
        if generation != self._generation:
            self._entries = {}  # a new dict: a thread reading the old one is not disturbed
            self._generation = generation
        entries = self._entries
        full_key = (generation, *key)
        try:
            return entries[full_key]
        except KeyError:
            pass
        value = compute()
        if value is None and not keep_none:
            return value
        if len(entries) >= self.max_entries:
            entries.clear()
        entries[full_key] = value
        return value

    def __len__(self) -> int:
        return len(self._entries)


@functools.cache
def _changes_public_content(model) -> bool:
    # Images and documents: pages keep their rendered HTML (core.page_memory), which names their
    # files (a renditions' own saves, made while rendering, change nothing shown).
    public = (Page, PageViewRestriction, Site, Locale, BaseSiteSetting, AbstractImage, AbstractDocument)
    return issubclass(model, public) or getattr(model, "changes_public_content", False)


def on_model_changed(sender, **kwargs):
    """A page saved or deleted (a draft too: cheap, and pages created live without a revision
    exist), a view restriction, a site, a locale, its settings or a declared model."""
    if kwargs.get("raw") or not _changes_public_content(sender):
        return
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting):
        return  # settings are created empty the first time a page reads them: nothing changed
    content_changed()


def on_content_changed(sender, **kwargs):
    content_changed()


def connect_signals():
    # Any model: the handler keeps to what public pages show.
    post_save.connect(on_model_changed, dispatch_uid="core_model_saved")
    post_delete.connect(on_model_changed, dispatch_uid="core_model_deleted")
    post_page_move.connect(on_content_changed, dispatch_uid="core_page_moved")
