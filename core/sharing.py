"""Link previews and share links: OpenGraph and Twitter-card meta tags, and share addresses that
are plain links (no third-party script, request or cookie before the visitor clicks).

Mastodon has no central site to share through: the visitor names their server in a small form,
and ``share_on_mastodon`` sends them to that server's own share page.
"""

import re
from urllib.parse import quote, urlencode, urlsplit

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

# og:locale wants a territory: the site's languages, as spoken where the network is.
OPENGRAPH_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# What a link preview's image is cut to (the size Facebook, LinkedIn and Mastodon show best).
SOCIAL_IMAGE_SPEC = "fill-1200x630"
# A server name: letters, digits, dashes and dots, with a dot (mastodon.social, piaille.fr).
SERVER_NAME = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def opengraph_locale(language_code: str) -> str:
    return OPENGRAPH_LOCALES.get(language_code, language_code)


def absolute(url: str, page_url: str) -> str:
    """``url`` on the host of ``page_url`` when it is a path (a rendition served by the site)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}{url}"


def social_image_url(page, page_url: str) -> str:
    """The full address of the page's preview image, or "" when it has none."""
    image = page.social_image() if hasattr(page, "social_image") else None
    if image is None:
        return ""
    return absolute(image.get_rendition(SOCIAL_IMAGE_SPEC).url, page_url)


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(network, address) for each place a page can be shared to, with no script."""
    return [
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (_("E-mail"), "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=_quote)),
    ]


def _quote(value, safe="", encoding=None, errors=None):
    # mailto: wants %20 for spaces, not "+" (mail programs show the plus signs).
    return quote(value, safe=safe, encoding=encoding, errors=errors)


def is_our_address(url: str) -> bool:
    """Whether ``url`` is on one of the site's hosts (the Wagtail sites' root addresses)."""
    parts = urlsplit(url)
    hosts = {urlsplit(site.root_url).netloc for site in Site.objects.all()}
    return parts.scheme in ("http", "https") and parts.netloc in hosts


@require_safe
def share_on_mastodon(request):
    """To ``https://<server>/share?text=<title> <url>``: the visitor's own Mastodon server.

    Only addresses of this site are shared, so this is no open redirect for anyone's links."""
    server = request.GET.get("server", "").strip().lower().removeprefix("https://").strip("/")
    server = server.split("@")[-1]  # "@me@piaille.fr" names the server too
    url = request.GET.get("url", "")
    title = request.GET.get("title", "")[:300]
    if not SERVER_NAME.match(server):
        return HttpResponseBadRequest(
            _("Write the name of your Mastodon server, for example mastodon.social."),
            content_type="text/plain; charset=utf-8",
        )
    if not is_our_address(url):
        return HttpResponseBadRequest(_("Only pages of this site can be shared."), content_type="text/plain")
    # A page with the link rather than a redirect: the Content-Security-Policy (form-action 'self')
    # refuses a form whose answer redirects to another site, and the visitor sees where it goes.
    share_url = f"https://{server}/share?" + urlencode({"text": f"{title} {url}".strip()})
    return render(request, "core/share_on_mastodon.html", {"server": server, "share_url": share_url})
