import pytest
from django.contrib.auth.models import Permission

from actors.exchange import import_actors
from actors.models import ActorPage
from tests.factories import trades as trade_factories

from .test_import import csv_bytes


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")


@pytest.mark.django_db
def test_editor_creates_an_actor_in_the_admin(client, superuser, directory, communes, departments):
    client.force_login(superuser)
    url = f"/admin/pages/add/actors/actorpage/{directory.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": "Atelier du tuffeau",
        "slug": "atelier-du-tuffeau",
        "kind": "company",
        "commune": communes["Saumur"].pk,
        "department": departments["49"].pk,
        "contact_email": "jean.dupont@example.org",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    # A contact without the publication box ticked is refused, with the reason beside the box.
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ActorPage.objects.exists()
    assert "contact" in response.content.decode()
    data["contact_may_be_published"] = "on"
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    actor = ActorPage.objects.get()
    assert actor.live
    # Without coordinates, the commune's centre.
    assert (actor.latitude, actor.longitude) == (communes["Saumur"].latitude, communes["Saumur"].longitude)
    # An import row of the same name and commune, without SIRET, is this actor: updated, not doubled.
    row = {
        "nom": "Atelier du tuffeau",
        "type": "entreprise",
        "commune": "Saumur",
        "departement": "49",
        "contact_publiable": "oui",
        "email_contact": "jean.dupont@example.org",
        "resume": "Taille de pierre.",
    }
    result = import_actors(csv_bytes([row]))
    assert (result.errors, result.created, result.updated) == ([], 0, 1)
    assert ActorPage.objects.get().pk == actor.pk


@pytest.mark.django_db
def test_preview_with_unsaved_links_renders(rf, directory, communes, departments, taxonomy, trade_index):
    stone = trade_factories.trade(trade_index, taxonomy)
    page = ActorPage(
        title="Aperçu",
        slug="apercu",
        kind=ActorPage.Kind.SCHOOL,
        commune=communes["Angers"],
        department=departments["49"],
        path="00010001000100099",
        depth=4,
        locale=directory.locale,
    )
    page.trades_taught.set([stone])
    page.set_url_path(directory)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "Tailleur de pierre" in response.content.decode()


@pytest.mark.django_db
def test_import_permission_is_offered_in_the_group_editor(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/groups/new/").content.decode()
    permission = Permission.objects.get(codename="import_actors")
    assert f'value="{permission.pk}"' in html
