from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.pages import BasePage

from .listings import home_page_listings


class HomePage(BasePage):
    hero_title = models.CharField(
        _("hero title"),
        max_length=200,
        help_text=_("The main sentence at the top of the home page."),
    )
    hero_text = models.TextField(
        _("hero text"), blank=True, help_text=_("What the resource centre offers, in two or three sentences.")
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Free content below the lists of replays, opportunities and trades."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        InlinePanel(
            "featured_trades",
            label=_("Featured trade"),
            heading=_("Featured trades"),
            help_text=_("Trade profiles shown on the home page, in this order."),
            max_num=8,
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    schema_type = "WebSite"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_listings(self, request))
        return context


class HomePageFeaturedTrade(Orderable):
    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_trades")
    # A link to any page restricted to trade profiles in the panel, so that home does not depend
    # on the trades app's migrations.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("trade profile"),
        help_text=_("A trade profile to feature on the home page."),
    )

    panels = [PageChooserPanel("page", page_type="trades.TradeProfilePage")]


class StandardPage(BasePage):
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), help_text=_("The content of the page."))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    kind_label = _("Page")
    search_kind = "page"
    schema_type = "WebPage"

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("The network's public address, shown in the footer.")
    )
    postal_address = models.TextField(_("postal address"), blank=True, help_text=_("Shown in the footer."))
    mastodon_url = models.URLField(_("Mastodon"), blank=True, help_text=_("Full address of the profile."))
    linkedin_url = models.URLField(_("LinkedIn"), blank=True, help_text=_("Full address of the page."))
    youtube_url = models.URLField(_("YouTube"), blank=True, help_text=_("Full address of the channel."))
    footer_text = models.TextField(
        _("footer text"), blank=True, help_text=_("A sentence about the network, shown in the footer.")
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about page"),
        help_text=_("The page presenting the network, linked from the footer of every page."),
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("legal notice page"),
        help_text=_("The legal notice (mentions légales), linked from the footer of every page."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("postal_address")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("mastodon_url"), FieldPanel("linkedin_url"), FieldPanel("youtube_url")],
            heading=_("Social links"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                PageChooserPanel("about_page"),
                PageChooserPanel("legal_notice_page"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
