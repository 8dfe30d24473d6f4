import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from forum.moderation import board_group
from tests.factories.forum import project_index, topic_index


@pytest.fixture
def forum(home_page):
    return topic_index(home_page)


@pytest.fixture
def projects(home_page):
    return project_index(home_page)


def make_user(username, *groups, permissions=()):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "secret")
    user.groups.set(groups)
    for codename in permissions:
        app_label, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=code))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def board_member(db):
    return make_user("bureau", board_group())


@pytest.fixture
def staff(db):
    group, _ = Group.objects.get_or_create(name="Équipe")
    return make_user("equipe", group, permissions=["forum.run_project", "wagtailadmin.access_admin"])


@pytest.fixture
def editor(db):
    return make_user("redacteur", permissions=["wagtailadmin.access_admin"])
