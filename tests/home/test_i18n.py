"""French is what visitors and editors read by default; English lives under /en/."""

import pytest


@pytest.mark.django_db
def test_visitors_read_french_by_default_and_english_under_en(client, home_page):
    french = client.get("/cette-page-n-existe-pas/")
    english = client.get("/en/this-page-does-not-exist/")
    assert french.status_code == english.status_code == 404
    assert "Page introuvable" in french.content.decode()
    assert "Page not found" in english.content.decode()


@pytest.mark.django_db
def test_editors_read_french_labels_and_help_texts_in_the_admin(admin_client, home_page):
    html = admin_client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()
    assert "Titre d\u2019accroche" in html
    assert "Une ou deux phrases affichées dans les listes" in html
    assert "One or two sentences shown in lists" not in html


@pytest.mark.django_db
def test_demo_names_the_default_moderation_workflow_in_french():
    from wagtail.models import Task, Workflow

    from home import demo

    demo.build()
    assert Workflow.objects.filter(name="Validation par les modérateurs").exists()
    assert Task.objects.filter(name="Validation par les modérateurs").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
