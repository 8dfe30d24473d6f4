"""Network life: the news, the support programmes with their calls, the newsletter."""

from .items import NewsIndexPage, NewsItemPage, news_facets

__all__ = ["NewsIndexPage", "NewsItemPage", "news_facets"]
