"""The forum's topics: what member structures raise for the board to discuss.

A topic is proposed on the site (``forum.views.propose``), confirmed by its sender through a
signed mail link, and then waits in the admin as a draft page in the board's workflow
(``forum.moderation``); once the board approves it, it is published with its themes. The board
then decides what becomes of it (``forum.decisions``): kept for later, merged into another
topic, or turned into a workshop or a project sheet.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.listings import ListingIndexMixin
from core.pages import BasePage
from knowledge.taxonomy import DEPARTMENT_FACET, THEME_FACET

# What the board may have decided; kept on the page but out of the editor's form: only the
# board's action (forum.decisions) changes it, in every language at once.
DECISION_FIELDS = ("outcome", "merged_into_id", "decided_on", "decision_note")


class TopicIndexPage(RoutablePageMixin, ListingIndexMixin, BasePage):
    """The forum: its published topics, newest first, and the form to propose one."""

    subpage_types = ["forum.TopicPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Forum")
    listing_order = ("-proposed_on", "-pk")
    listing_prefetch_related = ("themes",)

    class Meta:
        verbose_name = _("forum")

    @path("propose/", name="propose")
    def propose_view(self, request):
        from forum import views

        return views.propose(request, self)


class TopicPage(BasePage):
    class Outcome(models.TextChoices):
        OPEN = "open", _("Under discussion")
        KEPT = "kept", _("Kept for later")
        MERGED = "merged", _("Merged into another topic")
        CONVERTED = "converted", _("Turned into a workshop or a project")

    structure_name = models.CharField(
        _("proposing structure"),
        max_length=200,
        help_text=_("The member structure that raised the topic, as it is shown on the page."),
    )
    structure = models.ForeignKey(
        "actors.ActorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
        verbose_name=_("structure in the directory"),
        help_text=_("Optional: the directory's page of the proposing structure."),
    )
    proposed_on = models.DateField(_("proposed on"), default=timezone.localdate)
    problem = models.TextField(_("the problem"), max_length=4000, help_text=_("What the topic is about."))
    why_it_matters = models.TextField(_("why it matters to the sector"), max_length=4000, blank=True)
    themes = ParentalManyToManyField("knowledge.Theme", blank=True, verbose_name=_("themes"))
    departments = ParentalManyToManyField(
        "knowledge.Department",
        blank=True,
        verbose_name=_("departments"),
        help_text=_("None: the whole region."),
    )
    outcome = models.CharField(
        _("what became of it"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN, editable=False
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_topics",
        editable=False,
        verbose_name=_("merged into"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    decision_note = models.TextField(_("the board's word"), blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("structure_name"), FieldPanel("structure")]),
                FieldPanel("proposed_on"),
            ],
            heading=_("Who proposes it"),
        ),
        FieldPanel("problem"),
        FieldPanel("why_it_matters"),
        FieldRowPanel([FieldPanel("themes"), FieldPanel("departments")]),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("why_it_matters"),
        index.SearchField("structure_name"),
        index.FilterField("proposed_on"),
    ]
    override_translatable_fields = [SynchronizedField("structure_name"), SynchronizedField("structure")]

    parent_page_types = ["forum.TopicIndexPage"]
    subpage_types = []
    kind_label = _("Forum topic")
    schema_type = "DiscussionForumPosting"
    search_kind = "forum-topic"
    search_facets = [THEME_FACET.on("themes__slug"), DEPARTMENT_FACET.on("departments__slug")]
    serve_prefetch_related = ("themes", "departments")

    class Meta:
        verbose_name = _("forum topic")
        verbose_name_plural = _("forum topics")
        permissions = [("decide_topic", _("Can decide what becomes of a forum topic (the board)"))]

    def with_content_json(self, content):
        """A revision carries the page's text, never the board's decision: publishing an older
        draft keeps what the board decided since."""
        obj = super().with_content_json(content)
        for name in DECISION_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def json_ld(self, request=None):
        data = super().json_ld(request)
        data["headline"] = self.title[:110]
        data["text"] = self.problem
        data["datePublished"] = self.proposed_on.isoformat()
        data["author"] = {"@type": "Organization", "name": self.structure_name}
        return data


class TopicProposal(models.Model):
    """What a sender typed in the form, with who they are: kept apart from the page, which
    shows only the structure. Deleted by ``manage.py purge_forum_contacts``."""

    index = models.ForeignKey(TopicIndexPage, on_delete=models.CASCADE, related_name="proposals")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    structure_name = models.CharField(_("structure"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem"), max_length=4000)
    why_it_matters = models.TextField(_("why it matters to the sector"), max_length=4000)
    themes = models.ManyToManyField("knowledge.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    language = models.CharField(_("language"), max_length=8, default="fr")
    consent = models.TextField(_("consent given"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    topic = models.ForeignKey(
        TopicPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
