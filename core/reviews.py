"""The « last reviewed » date of reference pages (trades, know-how, labels): an editor sets it
when they have checked that the page is still true; the page shows it (« Relu le … ») and the
editors' desk lists the pages not reviewed for a year (``REVIEW_AGE``)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

REVIEW_AGE = datetime.timedelta(days=365)


class ReviewedMixin(models.Model):
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "The day you checked that the whole page is still true. Shown on the page; "
            "a page not reviewed for a year appears on the editors' desk."
        ),
    )

    review_panel = FieldPanel("last_reviewed")

    class Meta:
        abstract = True


def review_due(queryset, today=None):
    """The pages of ``queryset`` never reviewed, or last reviewed more than a year ago."""
    limit = (today or timezone.localdate()) - REVIEW_AGE
    return queryset.filter(models.Q(last_reviewed__isnull=True) | models.Q(last_reviewed__lt=limit))


def never_or_last_reviewed(page) -> str:
    if page.last_reviewed is None:
        return str(_("never reviewed"))
    return _("last reviewed on %(date)s") % {"date": date_format(page.last_reviewed, "j F Y")}


def review_panel(model, *, key: str, title, order: int):
    """The desk's panel of the pages of ``model`` (in the site's first language: translations
    follow their source) never reviewed or not reviewed for a year, the oldest first."""
    from .desk import DeskPanel, page_permission

    return DeskPanel(
        key=key,
        title=title,
        description=_(
            "Never reviewed, or last reviewed more than a year ago: check the page, "
            "then set its « last reviewed » date."
        ),
        items=lambda: review_due(model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)).order_by(
            models.F("last_reviewed").asc(nulls_first=True), "title"
        ),
        permission=page_permission(model),
        note=never_or_last_reviewed,
        order=order,
    )
