"""Search knows the page types only through what they declare (core.searchable)."""

import pytest

from knowledge.taxonomy import DOMAIN_FACET
from search import choices, registry
from trades.models import OpportunityPage, TradeProfilePage


@pytest.fixture
def fresh_registry():
    # What is computed once from the declarations, the kinds' names included (search.choices).
    computed = (
        registry.searchable_types,
        registry.declaration_by_model,
        registry.kind_of_model,
        registry.facets,
        choices._kind_choices_in,
    )
    for function in computed:
        function.cache_clear()
    yield registry
    for function in computed:
        function.cache_clear()


def test_every_declaration_of_the_site_resolves(fresh_registry):
    assert fresh_registry.check_declarations() == []
    kinds = {declared.kind for declared in fresh_registry.searchable_types()}
    assert kinds == {
        "trade", "know-how", "label", "opportunity", "replay", "page", "question",
        "event", "working-group", "news", "programme", "forum-topic", "forum-project", "action-plan",
    }  # fmt: skip
    assert [facet.name for facet in fresh_registry.facets()] == [
        "kind", "domain", "material", "department", "audience", "theme",
        "level", "contract", "label", "event-kind", "attendance", "programme", "group",
    ]  # fmt: skip


def test_a_facet_lookup_that_does_not_resolve_fails_the_system_check(fresh_registry, monkeypatch):
    monkeypatch.setattr(TradeProfilePage, "search_facets", [DOMAIN_FACET.on("domain_renamed__slug")])
    errors = fresh_registry.check_declarations()
    assert [error.id for error in errors] == ["search.E001"]
    assert "trades.TradeProfilePage" in errors[0].msg
    assert "domain_renamed__slug" in errors[0].msg


def test_a_declared_date_that_is_not_a_field_fails_the_system_check(fresh_registry, monkeypatch):
    monkeypatch.setattr(OpportunityPage, "search_hidden_after", "closes_on")
    assert [error.id for error in fresh_registry.check_declarations()] == ["search.E002"]
