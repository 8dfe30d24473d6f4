"""The page tree's child counts, kept true whatever saves a page.

Treebeard counts a page's children in ``numchild`` and Wagtail finds none below a page whose
count is 0 (``get_children`` of a "leaf" is empty: its addresses answer 404). Saving a page
writes the count its Python object holds, and publishing a revision saves the object the
revision was made from. wagtail-localize publishes a translated page's first revision when the
transaction commits (``transaction.on_commit``), from the object it held before it created the
page's translated children: translating a subtree in one transaction (the admin's « translate
this page and its subpages », the demo) published every translated parent with 0 children, and
its children answered 404 until something saved the parent again. After each publish the count
is read from the tree and put right (one query, two when it was wrong).
"""

from wagtail.models import Page
from wagtail.signals import page_published

from .generation import content_changed


def children_count(page) -> int:
    return Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()


def keep_child_count(sender, instance, **kwargs):
    """``page_published`` receiver: the published page's ``numchild`` as the tree has it."""
    count = children_count(instance)
    if count != instance.numchild:
        Page.objects.filter(pk=instance.pk).update(numchild=count)
        instance.numchild = count
        content_changed()


def connect_signals():
    page_published.connect(keep_child_count, dispatch_uid="core_keep_child_count")
