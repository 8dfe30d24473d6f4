"""The tree's child counts stay true when wagtail-localize translates a subtree in one transaction."""

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.operations import translate_object, translate_page_subtree

from tests.factories.agenda import EventIndexPageFactory, EventPageFactory


@pytest.mark.django_db
def test_a_subtree_translated_in_one_transaction_answers_in_english(
    client, home_page, django_capture_on_commit_callbacks
):
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    event = EventPageFactory(parent=agenda, title="Journée d'étude", slug="journee-d-etude")
    english = Locale.objects.get(language_code="en")
    # As in the admin and the demo: the publishes run when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(home_page, [english])
        translate_page_subtree(home_page.pk, [english], None, None)
    english_agenda = agenda.get_translation(english)
    english_event = event.get_translation(english)
    assert Page.objects.get(pk=english_agenda.pk).numchild == 1
    assert client.get(english_agenda.url).status_code == 200
    response = client.get(english_event.url)
    assert response.status_code == 200, english_event.url
    assert "Journée d'étude" in response.content.decode()
