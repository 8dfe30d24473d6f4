"""The « last reviewed » date of reference pages (trades, know-how, labels): an editor sets it
when they have checked that the page is still true; the page shows it (« Relu le … ») and the
editors' desk lists the pages not reviewed for a year (``REVIEW_AGE``)."""

import datetime

from django.db import models
from django.utils import timezone
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
