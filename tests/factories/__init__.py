"""The tests' content, built in one place with factory_boy and wagtail-factories.

A page factory takes `parent=` and adds the page one of two ways:
- by default `add_live`: the page row, live, without a revision (the fast path; visitors see the
  same as after publishing);
- with `revision=True`, `publish_revision`: a revision saved and published, as an editor would,
  for the tests that read revisions or count on what publishing triggers.
Index pages are made once under their parent: asking again returns the same page, so that any
builder can ask for the index it needs. The modules per app (actors, knowledge, trades) also keep
the short builders the tests call, which fill in the taxonomy terms and related content.
"""

import factory
import wagtail_factories


def add_live(parent, page):
    """Adds `page` under `parent` without a revision: live, as Wagtail makes pages by default
    (a test that wants a draft builds it with live=False)."""
    parent.add_child(instance=page)
    return page


def publish_revision(parent, page):
    """Adds `page` under `parent` and publishes its first revision."""
    add_live(parent, page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class PageFactory(wagtail_factories.PageFactory):
    revision = False

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, revision, **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        go_live = publish_revision if kwargs.pop("revision") else add_live
        return go_live(parent, model_class(**kwargs))


class IndexPageFactory(PageFactory):
    class Meta:
        abstract = True
        django_get_or_create = ("parent", "slug")


def stream(*blocks):
    """A StreamField value, made anew for each page (factories must not share a mutable list)."""
    return factory.LazyFunction(lambda: list(blocks))
