"""What the home page lists: each list is one query, whatever the amount of content."""

from core.chrome import remembered
from core.pagecache import expires_with
from core.pictures import attach_pictures
from core.visibility import visible
from knowledge.models import ReplayPage
from news.models import ProgrammeCall
from trades.models import OpportunityPage, TradeProfilePage

HOME_LIST_SIZE = 4


def home_page_listings(home_page, request):
    locale = home_page.locale_id

    featured_ids = [item.page_id for item in home_page.featured_trades.all()]
    trades_by_id = visible(TradeProfilePage.objects).in_bulk(featured_ids)
    featured_trades = attach_pictures(trades_by_id[pk] for pk in featured_ids if pk in trades_by_id)

    # The soonest closing first: when the first shown closes, the next one enters.
    open_opportunities = list(
        visible(OpportunityPage.objects.open(), locale)
        .select_related("department")
        .order_by("closing_date")[:HOME_LIST_SIZE]
    )
    expires_with(request, open_opportunities)
    return {
        # "What the centre offers": the sections of the site, with their summaries.
        # The sections change only with content: remembered by the process (read-only pages).
        "sections": remembered(
            request,
            ("home_sections", home_page.pk),
            lambda: list(visible(home_page.get_children()).in_menu().specific()),
        ),
        "latest_replays": attach_pictures(
            visible(ReplayPage.objects, locale)
            .select_related("meeting_day")
            .order_by("-meeting_day__date")[:HOME_LIST_SIZE]
        ),
        "open_opportunities": open_opportunities,
        "featured_trades": featured_trades,
        # Open today: a call shows up on its opening day and leaves after its closing day by itself.
        "open_calls": ProgrammeCall.objects.open()
        .visible_in(locale)
        .select_related("programme")
        .order_by("closes_on")[:HOME_LIST_SIZE],
    }
