"""The public side of the circle's work: answers, anonymised, as « question and answer » pages.

A page starts as a draft made from an answered question (questions.publication) and goes
through the site's usual moderation; nothing on it names the asker or the resource person.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.blocks.text import RICH_TEXT_FEATURES
from core.listings import ListingIndexMixin
from core.pages import BasePage
from core.structured_data import faq_page, page_basics, plain_text
from core.translation import shown_pages
from knowledge.taxonomy import DEPARTMENT_FACET, DOMAIN_FACET, LABEL_FACET, MATERIAL_FACET


class QuestionAnswerIndexPage(ListingIndexMixin, BasePage):
    """The published answers, and the way to ask a question of one's own."""

    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A few words above the list: who answers, in what time."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    subpage_types = ["questions.QuestionAnswerPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    listing_order = ("-answered_on", "title")
    kind_label = _("Questions and answers")

    class Meta:
        verbose_name = _("questions and answers index")

    def json_ld(self, request=None):
        # The published answers shown on this page of the listing, as schema.org's FAQPage.
        return faq_page(
            self,
            request,
            [(item.title, item.answer, item.get_full_url(request)) for item in self.listing_page(request)],
        )


class QuestionAnswerPage(BasePage):
    """A question a project holder asked, and the circle's answer, with no personal data."""

    question = models.TextField(
        _("the question"),
        help_text=_("As visitors will read it: rewritten so that nobody can be recognised."),
    )
    answer = RichTextField(
        _("the answer"),
        features=RICH_TEXT_FEATURES,
        help_text=_("The answer, without the name of the asker or of the person who answered."),
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    domains = ParentalManyToManyField(
        "knowledge.Domain", blank=True, related_name="+", verbose_name=_("domains")
    )
    materials = ParentalManyToManyField(
        "knowledge.Material", blank=True, related_name="+", verbose_name=_("materials")
    )
    departments = ParentalManyToManyField(
        "knowledge.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    related_trades = ParentalManyToManyField(
        "trades.TradeProfilePage", blank=True, related_name="+", verbose_name=_("related trades")
    )
    related_know_how = ParentalManyToManyField(
        "knowledge.KnowHowPage", blank=True, related_name="+", verbose_name=_("related know-how")
    )
    related_labels = ParentalManyToManyField(
        "knowledge.LabelPage", blank=True, related_name="+", verbose_name=_("related labels")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("answered_on"),
        MultiFieldPanel(
            [FieldPanel("domains"), FieldPanel("materials"), FieldPanel("departments")],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("related_trades"), FieldPanel("related_know_how"), FieldPanel("related_labels")],
            heading=_("Related content"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("question"),
        index.SearchField("answer"),
        index.RelatedFields("domains", [index.SearchField("name")]),
        index.RelatedFields("materials", [index.SearchField("name")]),
    ]

    parent_page_types = ["questions.QuestionAnswerIndexPage"]
    subpage_types = []
    kind_label = _("Question and answer")
    search_kind = "question"
    search_facets = [
        DOMAIN_FACET.on("domains__slug"),
        MATERIAL_FACET.on("materials__slug"),
        DEPARTMENT_FACET.on("departments__slug"),
        LABEL_FACET.on("related_labels"),
    ]

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        linked = [*self.related_trades.all(), *self.related_know_how.all(), *self.related_labels.all()]
        context["related"] = [page for page in shown_pages(linked, self.locale_id) if page is not None]
        return context

    def json_ld(self, request=None):
        # One question with its accepted answer: schema.org's QAPage (FAQPage is for a list).
        data = page_basics(self, request, "QAPage")
        answer = {"@type": "Answer", "text": plain_text(self.answer), "url": data["url"]}
        question = {
            "@type": "Question",
            "name": self.title,
            "text": self.question,
            "answerCount": 1,
            "acceptedAnswer": answer,
        }
        if self.answered_on:
            answer["dateCreated"] = self.answered_on.isoformat()
        if self.first_published_at:
            question["datePublished"] = self.first_published_at.date().isoformat()
        data["mainEntity"] = question
        return data
