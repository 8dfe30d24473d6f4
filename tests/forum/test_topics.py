"""The forum's topics: proposed on the site, confirmed by mail, moderated by the board through
its workflow, then decided on (kept, merged, turned into a workshop or a project)."""

import re

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from forum import decisions
from forum.models import ProjectPage, TopicPage, TopicProposal
from forum.views import PROPOSALS
from tests.core.test_desk import desk_panels
from tests.factories.forum import topic

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "name": "Claire Martin",
    "email": "Claire@Example.org",
    "structure_name": "Maisons paysannes de Loire-Atlantique",
    "title": "Transmettre les savoir-faire de la bauge",
    "problem": "Les artisans qui savent bâtir en terre partent à la retraite.",
    "why_it_matters": "Sans eux, les maisons en bauge ne seront plus entretenues.",
    "consent": "on",
}


def propose_url(forum):
    return forum.url + forum.reverse_subpage("propose")


def confirm_link():
    return re.search(r"https?://\S+/forum/confirmer/\S+/", mail.outbox[-1].body).group(0)


def test_a_confirmed_proposal_reaches_the_board_as_a_draft_in_its_workflow(
    client, forum, taxonomy, board_member, editor
):
    theme = taxonomy["Theme"]["transmission"]
    response = client.post(propose_url(forum), {**PROPOSAL, "themes": [theme.pk]})
    assert response.status_code == 200
    assert "claire@example.org" in response.content.decode()
    assert not TopicPage.objects.exists()  # nothing reaches the board before the link
    assert mail.outbox[-1].to == ["claire@example.org"]

    link = confirm_link()
    assert client.get(link).status_code == 200  # a mail scanner's visit confirms nothing
    assert not TopicPage.objects.exists()
    assert client.post(link).status_code == 200
    assert client.post(link).status_code == 200  # a second click makes no second topic

    topic_page = TopicPage.objects.get()
    assert not topic_page.live
    assert topic_page.structure_name == PROPOSAL["structure_name"]
    assert list(topic_page.get_latest_revision_as_object().themes.all()) == [theme]
    state = WorkflowState.objects.get(object_id=str(topic_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    # Only the board may approve it.
    assert task_state.task.specific.get_actions(topic_page, editor) == []
    assert "approve" in [name for name, *_ in task_state.task.specific.get_actions(topic_page, board_member)]
    task_state.approve(user=board_member)
    topic_page.refresh_from_db()
    assert topic_page.live
    page = client.get(topic_page.url).content.decode()
    assert PROPOSAL["structure_name"] in page
    assert theme.name in page
    assert "Claire Martin" not in page
    assert "claire@example.org" not in page


def test_an_invalid_or_robot_proposal_saves_nothing(client, forum):
    assert client.post(propose_url(forum), {**PROPOSAL, "consent": ""}).status_code == 400
    assert client.post(propose_url(forum), {**PROPOSAL, "website": "http://spam.example"}).status_code == 400
    assert not TopicProposal.objects.exists()
    assert mail.outbox == []


def test_proposals_are_rate_limited(client, forum):
    for _ in range(PROPOSALS.limit):
        client.post(propose_url(forum), {**PROPOSAL, "consent": ""})
    response = client.post(propose_url(forum), PROPOSAL)
    assert response.status_code == 429
    assert not TopicProposal.objects.exists()


def test_a_forged_confirmation_link_answers_400(client, forum):
    assert client.post("/forum/confirmer/abc:def/").status_code == 400


def test_the_board_turns_a_topic_into_a_draft_workshop_carrying_its_text_and_links(
    client, forum, projects, taxonomy, board_member
):
    theme = taxonomy["Theme"]["transmission"]
    subject = topic(forum, title="Faire connaître les métiers aux collégiens", themes=[theme])
    client.force_login(board_member)
    response = client.post(
        f"/admin/forum/topic/{subject.pk}/decide/", {"decision": "workshop", "note": "À lancer en 2026."}
    )
    assert response.status_code == 302
    sheet = ProjectPage.objects.get()
    assert not sheet.live
    assert sheet.kind == ProjectPage.Kind.WORKSHOP
    assert sheet.title == subject.title
    assert "collégiens" in sheet.title
    assert "Les jeunes ne connaissent pas" in sheet.problem
    draft = sheet.get_latest_revision_as_object()
    assert list(draft.topics.all()) == [subject]
    assert list(draft.themes.all()) == [theme]
    subject.refresh_from_db()
    assert subject.outcome == TopicPage.Outcome.CONVERTED
    assert subject.decision_note == "À lancer en 2026."
    # One decision per topic.
    response = client.post(f"/admin/forum/topic/{subject.pk}/decide/", {"decision": "project"})
    assert response.status_code == 400
    assert ProjectPage.objects.count() == 1


def test_the_board_merges_or_keeps_a_topic_and_publishing_an_old_draft_keeps_the_decision(
    client, forum, board_member
):
    first, second = topic(forum), topic(forum)
    client.force_login(board_member)
    assert client.post(f"/admin/forum/topic/{first.pk}/decide/", {"decision": "merged"}).status_code == 400
    response = client.post(
        f"/admin/forum/topic/{first.pk}/decide/", {"decision": "merged", "merge_into": second.pk}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.outcome, first.merged_into) == (TopicPage.Outcome.MERGED, second)
    first.get_latest_revision().publish()  # a revision from before the decision
    first.refresh_from_db()
    assert first.outcome == TopicPage.Outcome.MERGED
    assert second.title in client.get(first.url).content.decode()

    decisions.keep_for_later(second, board_member)
    second.refresh_from_db()
    assert second.outcome == TopicPage.Outcome.KEPT


def test_only_the_board_decides(client, forum, projects, editor):
    subject = topic(forum)
    client.force_login(editor)
    response = client.post(f"/admin/forum/topic/{subject.pk}/decide/", {"decision": "kept"})
    assert response.status_code == 403
    subject.refresh_from_db()
    assert subject.outcome == TopicPage.Outcome.OPEN
    with pytest.raises(decisions.DecisionRefusedError):
        decisions.keep_for_later(subject, editor)


def test_the_purge_deletes_unconfirmed_proposals_after_a_week_and_keeps_the_topic(client, forum):
    import datetime

    import time_machine
    from django.core.management import call_command

    client.post(propose_url(forum), PROPOSAL)
    client.post(propose_url(forum), {**PROPOSAL, "title": "Un second sujet"})
    client.post(confirm_link())
    topic_page = TopicPage.objects.get()
    with time_machine.travel(datetime.timedelta(days=8)):
        call_command("purge_forum_contacts")
    assert list(TopicProposal.objects.values_list("title", flat=True)) == ["Un second sujet"]
    with time_machine.travel(datetime.timedelta(days=366)):
        call_command("purge_forum_contacts")
    assert not TopicProposal.objects.exists()
    assert TopicPage.objects.filter(pk=topic_page.pk).exists()


def test_the_board_finds_the_topics_waiting_on_its_desk(client, forum, board_member, editor):
    client.post(propose_url(forum), PROPOSAL)
    client.post(confirm_link())
    topic_page = TopicPage.objects.get()
    client.force_login(board_member)
    heading, _count, rows, _link = desk_panels(client)["forum-topics-waiting"]
    assert "Sujets du forum en attente du bureau" in heading
    assert rows[0].startswith(PROPOSAL["title"])
    # An editor who may not decide sees no such panel.
    client.force_login(editor)
    assert "forum-topics-waiting" not in desk_panels(client)
    # Once the board has accepted it, the topic leaves the desk.
    WorkflowState.objects.get(object_id=str(topic_page.pk)).current_task_state.approve(user=board_member)
    client.force_login(board_member)
    assert desk_panels(client)["forum-topics-waiting"][2] == []
