import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.blocks import BodyStreamBlock, DocumentBlock
from core.listings import ListingIndexMixin
from core.page_memory import page_remembered
from core.pages import BasePage
from core.pictures import PictureMixin
from core.structured_data import (
    REPLAY_POSTER,
    absolute_static_url,
    iso_duration,
    page_basics,
)
from core.translation import shown_pages

from ..taxonomy import (
    AUDIENCE_FACET,
)
from ..video import UNSUPPORTED_VIDEO, parse_video_url


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150, help_text=_("First name and surname."))
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. « Architecte du patrimoine ».")
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("The organisation the speaker represents.")
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    # Replay pages keep their speakers until content changes (core.page_memory): saving a
    # speaker gives the content a new generation.
    changes_public_content = True

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.organisation}" if self.organisation else self.name


class MeetingDay(TranslatableMixin, index.Indexed, models.Model):
    """A meeting day of the network (ConneXionS...), from which replays come."""

    # Pages that list replays show their day and sort by its date, and keep the list until
    # content changes (core.page_memory): saving a day gives the content a new generation.
    changes_public_content = True

    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. « Journée ConneXionS 2024 »."))
    date = models.DateField(_("date"), help_text=_("The day it took place."))
    place = models.CharField(_("place"), max_length=200, help_text=_("Venue and commune."))
    theme = models.ForeignKey(
        "knowledge.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
        help_text=_("The theme of the day."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("place")]),
        FieldPanel("theme"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"


class ReplayIndexPage(ListingIndexMixin, BasePage):
    listing_order = ("-meeting_day__date", "title")
    listing_select_related = ("meeting_day",)

    subpage_types = ["knowledge.ReplayPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Replays")

    class Meta:
        verbose_name = _("replay index")


class ReplayTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.ReplayPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


TIME_CODE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")


def time_code_to_seconds(time_code: str) -> int:
    match = TIME_CODE.match(time_code.strip())
    if not match:
        raise ValueError(time_code)
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def clock_time(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def validate_time_code(value: str) -> None:
    if not TIME_CODE.match(value.strip()):
        raise ValidationError(
            _("Write the time as minutes:seconds or hours:minutes:seconds, e.g. 12:30 or 1:02:05.")
        )


class ReplayPage(PictureMixin, BasePage):
    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    meeting_day = models.ForeignKey(
        MeetingDay,
        on_delete=models.PROTECT,
        related_name="replays",
        verbose_name=_("meeting day"),
        help_text=_("The meeting day this recording comes from."),
    )
    video_url = models.URLField(
        _("video address"),
        help_text=_("The address of the video on YouTube, Vimeo, Dailymotion or PeerTube."),
    )
    duration = models.DurationField(
        _("duration"), help_text=_("Length of the video, as hours:minutes:seconds, e.g. 1:05:00.")
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.FRENCH,
        help_text=_("Spoken language."),
    )
    description = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_("What the session is about."),
    )
    transcript = RichTextField(
        _("transcript"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("The full text of what is said, for people who cannot hear or watch the video."),
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("attached documents"),
        help_text=_("Slides and other documents shown during the session."),
    )
    themes = ParentalManyToManyField(
        "knowledge.Theme", blank=True, verbose_name=_("themes"), help_text=_("The themes discussed.")
    )
    audiences = ParentalManyToManyField(
        "knowledge.Audience", blank=True, verbose_name=_("audiences"), help_text=_("Who it is for.")
    )
    tags = ClusterTaggableManager(through=ReplayTag, blank=True, help_text=_("Free keywords."))

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        FieldPanel("meeting_day"),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldRowPanel([FieldPanel("duration"), FieldPanel("language")])],
            heading=_("Video"),
        ),
        InlinePanel("speakers", label=_("Speaker"), heading=_("Speakers")),
        InlinePanel("chapters", label=_("Chapter"), heading=_("Chapters")),
        FieldPanel("description"),
        FieldPanel("transcript"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("audiences"), FieldPanel("tags")], heading=_("Classification")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.RelatedFields("chapters", [index.SearchField("title")]),
        index.RelatedFields("meeting_day", [index.SearchField("title")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.ReplayIndexPage"]
    subpage_types = []
    kind_label = _("Replay")
    search_kind = "replay"
    search_facets = [AUDIENCE_FACET.on("audiences__slug")]

    class Meta:
        verbose_name = _("event replay")
        verbose_name_plural = _("event replays")

    @cached_property
    def video(self):
        return parse_video_url(self.video_url)

    @property
    def recorded_on(self):
        return self.meeting_day.date

    @property
    def duration_iso(self) -> str:
        return iso_duration(self.duration) if self.duration else ""

    @property
    def duration_clock(self) -> str:
        """The duration as the player shows it, e.g. 1:05:00 or 45:10."""
        return clock_time(int(self.duration.total_seconds())) if self.duration else ""

    @property
    def frame_origins(self) -> list[str]:
        """Where the player's iframe comes from: the page's CSP must allow it in frame-src."""
        return [self.video.frame_origin] if self.video else []

    def sorted_chapters(self):
        """Chapters in time order, each with its end (next chapter's start, or the end of the video)."""
        if getattr(self, "_sorted_chapters", None) is None:
            self._sorted_chapters = self._load_chapters()
        return self._sorted_chapters

    def _load_chapters(self):
        chapters = sorted(
            self.chapters.all().select_related("linked_page"),
            key=lambda chapter: (chapter.start_seconds, chapter.sort_order or 0),
        )
        # A chapter links to the page it names, in this page's language where it is translated, and
        # to none when no visitor may see it.
        for chapter, linked in zip(
            chapters, shown_pages([c.linked_page for c in chapters], self.locale_id), strict=True
        ):
            chapter.linked_page = linked
        total = int(self.duration.total_seconds()) if self.duration else 0
        video = self.video
        followers = [*chapters[1:], None] if chapters else []  # none at all is a replay, too
        for chapter, following in zip(chapters, followers, strict=True):
            chapter.end_seconds = following.start_seconds if following else max(total, chapter.start_seconds)
            # Built here, from the page's parsed video, so that no chapter goes back to its page.
            chapter.watch_url = video.watch_url(chapter.start_seconds) if video else ""
            chapter.embed_url = video.embed_url(chapter.start_seconds, autoplay=True) if video else ""
        return chapters

    def start_from_request(self, request) -> int:
        """The ?t= start time a shared link asks for (seconds), or 0 when absent or out of range."""
        try:
            start = int(request.GET.get("t", "0").rstrip("s"))
        except ValueError:
            return 0
        total = int(self.duration.total_seconds()) if self.duration else 0
        return start if 0 <= start < total else 0

    def clean(self):
        super().clean()
        if self.video_url and parse_video_url(self.video_url) is None:
            raise ValidationError({"video_url": UNSUPPORTED_VIDEO})

    def related_lists(self):
        """The chapters (with the pages they link to) and the speakers."""
        return {
            "chapters": self.sorted_chapters(),
            "replay_speakers": list(self.speakers.select_related("speaker")),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept by the process until content changes (core.page_memory).
        lists = page_remembered(request, self, "related_lists", self.related_lists)
        self._sorted_chapters = lists["chapters"]  # for the JSON-LD too
        context.update(lists)
        start = self.start_from_request(request)
        if self.video:
            context["start_embed_url"] = self.video.embed_url(start, autoplay=True)
            context["start_watch_url"] = self.video.watch_url(start)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # django-csp 4 reads per-response updates: allow this video's player, and only on this page.
        if self.frame_origins:
            response._csp_update = {"frame-src": self.frame_origins}
            response._csp_update_ro = {"frame-src": self.frame_origins}
        return response

    def json_ld(self, request=None):
        data = page_basics(self, request, "VideoObject")
        page_url = data["url"]
        data["uploadDate"] = self.meeting_day.date.isoformat()
        data["duration"] = iso_duration(self.duration)
        data["inLanguage"] = self.language
        data["thumbnailUrl"] = absolute_static_url(REPLAY_POSTER, page_url)
        if self.video:
            data["embedUrl"] = self.video.embed_url()
        data["hasPart"] = [
            {
                "@type": "Clip",
                "name": chapter.title,
                "startOffset": chapter.start_seconds,
                "endOffset": chapter.end_seconds,
                "url": f"{page_url}?t={chapter.start_seconds}",
            }
            for chapter in self.sorted_chapters()
        ]
        return data


class ReplaySpeaker(TranslatableMixin, Orderable):
    replay = ParentalKey(ReplayPage, on_delete=models.CASCADE, related_name="speakers")
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("speaker"),
        help_text=_("Who speaks."),
    )

    panels = [FieldPanel("speaker")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("speaker")


class ReplayChapter(TranslatableMixin, Orderable):
    replay = ParentalKey(ReplayPage, on_delete=models.CASCADE, related_name="chapters")
    time_code = models.CharField(
        _("start time"),
        max_length=8,
        validators=[validate_time_code],
        help_text=_("When the chapter starts, e.g. 12:30 or 1:02:05."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What the chapter is about."))
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("related page"),
        help_text=_("Optional: the trade or know-how page this chapter talks about."),
    )

    panels = [
        FieldRowPanel([FieldPanel("time_code"), FieldPanel("title")]),
        PageChooserPanel("linked_page", page_type=["trades.TradeProfilePage", "knowledge.KnowHowPage"]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    @property
    def start_seconds(self) -> int:
        return time_code_to_seconds(self.time_code)

    @property
    def iso_start(self) -> str:
        return iso_duration(timedelta(seconds=self.start_seconds))
