"""What every public page looks up and what changes only with content, remembered by each process.

Wagtail asks the database, on every request, for the request's site, its settings, the locale
of the active language and the site's home page in that language: four queries, about 5 ms of a
page. They change only when a site, a setting, a locale or a page is saved, and each of those
saves gives the content generation (``core.generation``) a new token. So they are kept per
process under the token read once per request: a change shows on the next request.
"""

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Locale, Page, Site

from .generation import GenerationMemory
from .translation import with_real_translation
from .visibility import visible

# Past this many entries the memory is emptied: the host names of requests come from clients.
# The routes of the site's addresses are kept too (core/routing.py): one small entry a page.
MAX_REMEMBERED = 20_000
_remembered = GenerationMemory(MAX_REMEMBERED)


def remembered(request, key: tuple, compute, keep_none: bool = True):
    """``compute()``, kept until the content generation changes (``keep_none=False``: a None
    is computed again next time, for keys that come from clients, such as unknown addresses)."""
    return _remembered.get(request, key, compute, keep_none=keep_none)


def find_site(request) -> Site | None:
    """``Site.find_for_request``, remembered (Wagtail keeps it on the request only)."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):  # where Wagtail keeps the site of a request
        host = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = remembered(
            request, ("site", host, request.get_port()), lambda: Site.find_for_request(request)
        )
    return request._wagtail_site


def active_locale(request=None) -> Locale:
    """``Locale.get_active()``, remembered."""
    return remembered(request, ("locale", get_language()), Locale.get_active)


def site_home(request) -> Page | None:
    """The home page of the request's site in the active language (the French one when it has no
    visible translation), remembered."""
    site = find_site(request)
    if site is None:
        return None

    def find():
        root = site.root_page
        return visible(root.get_translations(inclusive=True), active_locale(request)).first() or root

    return remembered(request, ("site_home", site.pk, get_language()), find)


def locale_code(request, locale_id: int) -> str:
    """The language code of a locale, from the process's memory."""
    codes = remembered(
        request, ("locale_codes",), lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )
    return codes.get(locale_id) or Locale.objects.get(pk=locale_id).language_code


def page_translations(request, page) -> list[tuple[str, str, str]]:
    """(language code, address, full address) of the visible, real translations of ``page``
    (``core.translation.with_real_translation``), itself included when it is one, remembered:
    the language switcher and the hreflang links of every page read them."""
    return [
        (code, url, full_url) for _id, code, url, full_url, real in _all_translations(request, page) if real
    ]


def waiting_translation_source(request, page) -> tuple[str, str] | None:
    """(language code, address) of the page to read instead of ``page`` when ``page`` is a
    visible translation still waiting for its strings (its text is the source's): the real
    translation in the site's first language, else any real one. None otherwise."""
    translations = _all_translations(request, page)
    if not any(locale_id == page.locale_id and not real for locale_id, *_rest, real in translations):
        return None
    real = {code: url for _id, code, url, _full, is_real in translations if is_real}
    code = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in real else next(iter(real), None)
    return (code, real[code]) if code else None


def _all_translations(request, page) -> list[tuple[int, str, str, str, bool]]:
    """(locale id, code, address, full address, real) of the visible translations of ``page``,
    remembered. One query."""
    site = find_site(request)

    def find():
        translations = visible(Page.objects.filter(translation_key=page.translation_key)).select_related(
            "locale"
        )
        return [
            (
                translation.locale_id,
                translation.locale.language_code,
                translation.get_url(request),
                translation.get_full_url(request),
                translation.is_real_translation,
            )
            for translation in with_real_translation(translations).order_by("path")
        ]

    return remembered(request, ("translations", site.pk if site else None, page.translation_key), find)


class RememberedSiteMiddleware:
    """Gives public requests their site and its site settings from this process's memory, before
    Wagtail or a template asks the database for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        # The admin always reads fresh data: editors are changing it.
        if not request.path.startswith(self.admin_prefix):
            self._prime(request)
        return self.get_response(request)

    @staticmethod
    def _prime(request):
        site = find_site(request)
        if site is None:
            return
        for model in settings_registry:
            if issubclass(model, BaseSiteSetting):
                settings = remembered(
                    request, ("settings", model._meta.label, site.pk), lambda m=model: m.for_site(site)
                )
                setattr(request, model.get_cache_attr_name(), settings)
