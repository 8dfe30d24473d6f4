"""What the home page lists: each list is one query, whatever the amount of content."""

from django.apps import apps

HOME_LIST_SIZE = 4


def home_page_listings(home_page, request):
    replay_model = apps.get_model("knowledge", "ReplayPage")
    opportunity_model = apps.get_model("trades", "OpportunityPage")
    trade_model = apps.get_model("trades", "TradeProfilePage")
    locale = home_page.locale

    featured_ids = [item.page_id for item in home_page.featured_trades.all()]
    trades_by_id = trade_model.objects.live().public().in_bulk(featured_ids)
    featured_trades = [trades_by_id[pk] for pk in featured_ids if pk in trades_by_id]

    return {
        # "What the centre offers": the sections of the site, with their summaries.
        "sections": home_page.get_children().live().public().in_menu().specific(),
        "latest_replays": replay_model.objects.live()
        .select_related("meeting_day")
        .public()
        .filter(locale=locale)
        .order_by("-meeting_day__date")[:HOME_LIST_SIZE],
        "open_opportunities": opportunity_model.objects.open()
        .live()
        .public()
        .filter(locale=locale)
        .select_related("department")
        .order_by("closing_date")[:HOME_LIST_SIZE],
        "featured_trades": featured_trades,
    }
