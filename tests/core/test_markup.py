"""core.markup escapes exactly as Django's format_html and format_html_join do."""

from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.markup import html_format, html_join

VALUES = [
    'Feuille d\'or & <b>"verre"</b>',
    mark_safe("<em>déjà du HTML</em>"),
    lazy(lambda: "<i>paresseux</i>", str)(),  # a lazy string, as gettext_lazy gives
    12,
    None,
    "",
]


def test_html_format_escapes_as_format_html():
    formatted = html_format("<p>{}</p>" * len(VALUES), *VALUES)
    assert formatted == format_html("<p>{}</p>" * len(VALUES), *VALUES)
    assert isinstance(formatted, SafeString)
    assert "&lt;i&gt;paresseux&lt;/i&gt;" in formatted


def test_html_join_escapes_as_format_html_join():
    rows = [(value, index) for index, value in enumerate(VALUES)]
    joined = html_join("\n", '<li data-n="{1}">{0}</li>', rows)
    assert joined == format_html_join("\n", '<li data-n="{1}">{0}</li>', rows)
    assert isinstance(joined, SafeString)
    assert html_join("\n", "<li>{}</li>", []) == ""
