"""What the home page lists: each list is one query, whatever the amount of content."""

from django.apps import apps

from core.visibility import visible

HOME_LIST_SIZE = 4


def home_page_listings(home_page, request):
    replay_model = apps.get_model("knowledge", "ReplayPage")
    opportunity_model = apps.get_model("trades", "OpportunityPage")
    trade_model = apps.get_model("trades", "TradeProfilePage")
    locale = home_page.locale

    featured_ids = [item.page_id for item in home_page.featured_trades.all()]
    trades_by_id = visible(trade_model.objects).in_bulk(featured_ids)
    featured_trades = [trades_by_id[pk] for pk in featured_ids if pk in trades_by_id]

    return {
        # "What the centre offers": the sections of the site, with their summaries.
        "sections": visible(home_page.get_children()).in_menu().specific(),
        "latest_replays": visible(replay_model.objects, locale)
        .select_related("meeting_day")
        .order_by("-meeting_day__date")[:HOME_LIST_SIZE],
        "open_opportunities": visible(opportunity_model.objects.open(), locale)
        .select_related("department")
        .order_by("closing_date")[:HOME_LIST_SIZE],
        "featured_trades": featured_trades,
    }
