"""Links in mails that act without a login (cancel a registration, confirm a request).

A token is ``django.core.signing`` over a small JSON value, salted by the link's purpose so that
a token made for one purpose is refused by every other, and dated so that it expires:

    token = make_token("agenda.cancel", {"registration": 42})
    url = public_url(reverse("agenda:cancel", args=[token]))  # core.public_address

    @reads_signed_link("agenda.cancel", max_age=timedelta(days=90))
    def cancel(request, value):  # value == {"registration": 42}
        ...

A tampered or truncated token answers 400 and an expired one 410, both with a page that says
so in the visitor's words (templates/core/invalid_link.html), never a 500. The value is signed,
not encrypted: put ids in it, never an address. Rotating SECRET_KEY invalidates every link
(SECRET_KEY_FALLBACKS keeps the old ones valid meanwhile).
"""

import functools
from datetime import timedelta
from typing import Any

from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

SALT_PREFIX = "core.signed_links."


class InvalidLinkError(Exception):
    """The token cannot be read: ``expired`` tells an old link from a damaged one."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


def make_token(purpose: str, value: Any) -> str:
    """A URL-safe token (letters, digits, ``-_:``) carrying ``value`` for ``purpose``."""
    return signing.dumps(value, salt=SALT_PREFIX + purpose, compress=True)


def read_token(purpose: str, token: str, max_age: timedelta) -> Any:
    """The value the token carries, or InvalidLinkError."""
    try:
        return signing.loads(token, salt=SALT_PREFIX + purpose, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidLinkError(expired=True) from error
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        # A token cut by a mail client, or made up: the same answer as a forged signature.
        raise InvalidLinkError(expired=False) from error


def invalid_link_response(request, error: InvalidLinkError):
    """410 Gone for an expired link, 400 for a damaged or forged one."""
    if error.expired:
        title = _("This link has expired")
        explanation = _(
            "Links sent by mail work for a limited time. Ask for a new one, or write to the network's team."
        )
    else:
        title = _("This link does not work")
        explanation = _(
            "The link is incomplete or has been changed. Copy it again from the mail in one piece, "
            "or write to the network's team."
        )
    context = {"title": title, "explanation": explanation}
    return render(request, "core/invalid_link.html", context, status=410 if error.expired else 400)


def reads_signed_link(purpose: str, max_age: timedelta):
    """Decorate a view taking ``(request, token, ...)``: it receives the token's value instead,
    and never runs for an invalid token."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token: str, *args, **kwargs):
            try:
                value = read_token(purpose, token, max_age)
            except InvalidLinkError as error:
                return invalid_link_response(request, error)
            return view(request, value, *args, **kwargs)

        return wrapper

    return decorator
