"""The trades app's models, one module per page type."""

from .opportunities import (
    EMPLOYMENT_TYPE_BY_CONTRACT,
    EMPLOYMENT_TYPE_BY_KIND,
    OpportunityIndexPage,
    OpportunityPage,
    OpportunityQuerySet,
    OpportunityTag,
)
from .trade_profiles import REGION_NAME, TradeIndexPage, TradeProfilePage, TradeProfileTag, TrainingPath

__all__ = [
    "EMPLOYMENT_TYPE_BY_CONTRACT",
    "EMPLOYMENT_TYPE_BY_KIND",
    "REGION_NAME",
    "OpportunityIndexPage",
    "OpportunityPage",
    "OpportunityQuerySet",
    "OpportunityTag",
    "TradeIndexPage",
    "TradeProfilePage",
    "TradeProfileTag",
    "TrainingPath",
]
