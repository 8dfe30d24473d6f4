"""Demo, after the trades: links replay chapters to the trade profiles they talk about."""

from .demo import link_chapters_to_trades


def build() -> int:
    return link_chapters_to_trades()
