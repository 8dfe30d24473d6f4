"""A small site with one page of every type, for the tests that walk every public URL; a real
SMTP server (tests/mail_server.py) for the tests of mail."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from benchmarks.corpus import INDEXES, CorpusBuilder
from core.signed_links import make_token
from home.models import StandardPage
from questions.notify import FOLLOW_PURPOSE
from search.indexing import rebuild_facets
from tests.factories import actors as actor_factories
from tests.factories import forum as forum_factories
from tests.factories import news as news_factories
from tests.factories import trades as trade_factories
from tests.factories.agenda import (
    EventIndexPageFactory,
    EventPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)
from tests.factories.questions import (
    QuestionAnswerIndexPageFactory,
    QuestionAnswerPageFactory,
    QuestionFactory,
)
from tests.mail_server import MailServer


@pytest.fixture
def trade_index(home_page):
    return trade_factories.trade_index(home_page)


@pytest.fixture
def opportunity_index(home_page):
    return trade_factories.opportunity_index(home_page)


@pytest.fixture
def small_site(home_page, taxonomy, locales):
    """Home (French and English), the indexes with one generated page each, a directory with an
    actor, and a password-protected page (whose form is one of the site's public forms)."""
    builder = CorpusBuilder(home_page, seed=7)
    for model in (*INDEXES, StandardPage):
        builder.build_one(model)
    directory = actor_factories.directory(home_page)
    communes = actor_factories.communes()
    department = taxonomy["Department"]["maine-et-loire"]
    network = actor_factories.actor(directory, communes["Saumur"], department)
    # Registration closed: the event page then holds no form (a form page is never cached).
    EventPageFactory(parent=EventIndexPageFactory(parent=home_page), registration_open=False)
    WorkingGroupPageFactory(parent=WorkingGroupIndexPageFactory(parent=home_page))
    news = news_factories.news_index(home_page)
    news_factories.news_item(news, theme=taxonomy["Theme"]["transmission"], department=department)
    news_factories.watch_item(news)
    trajet = news_factories.programme(
        news_factories.programme_index(home_page), calls=[news_factories.call(-5, 20)], networks=[network]
    )
    forum_factories.topic(forum_factories.topic_index(home_page))
    forum_factories.project(forum_factories.project_index(home_page))
    forum_factories.ActionPlanPageFactory(parent=home_page, revision=True)
    english_home = home_page.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    protected = StandardPage(title="Réservé", slug="reserve", body=[])
    home_page.add_child(instance=protected)
    protected.save_revision().publish()
    qa_index = QuestionAnswerIndexPageFactory(parent=home_page)
    QuestionAnswerPageFactory(parent=qa_index)
    question = QuestionFactory()
    restriction = PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    call_command("update_index", verbosity=0)
    rebuild_facets()
    return {
        "home": home_page,
        "directory": directory,
        "protected": protected,
        "restriction": restriction,
        "question_token": make_token(FOLLOW_PURPOSE, {"q": question.pk}),
        "news": news,
        "call": trajet.calls.get(),
    }


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free port, the one Django's SMTP backend now talks to."""
    server = MailServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
