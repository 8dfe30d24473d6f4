"""An answered question, anonymised, as a draft « question and answer » page.

The draft goes through the site's usual moderation: the coordinator rewrites what the
anonymisation below cannot catch (a place, a building's name) before submitting it. The draft
never holds the asker's name, address or phone, nor the resource person's name.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from knowledge.models import KnowHowPage

from .models import Question
from .pages import QuestionAnswerIndexPage, QuestionAnswerPage
from .transitions import StepRefusedError, record

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(\+33\s?|0)[1-9]([\s.-]?\d{2}){4}(?!\d)")
URL = re.compile(r"https?://\S+")
HIDDEN = "[…]"


def anonymise(text: str, names: list[str]) -> str:
    """The text without e-mail addresses, phone numbers, links, nor the given names."""
    text = EMAIL.sub(HIDDEN, text)
    text = PHONE.sub(HIDDEN, text)
    text = URL.sub(HIDDEN, text)
    for name in names:
        for part in [name, *name.split()]:
            if len(part) > 2:
                text = re.sub(rf"\b{re.escape(part)}\b", HIDDEN, text, flags=re.IGNORECASE)
    return text


def as_paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())


def names_to_hide(question: Question) -> list[str]:
    names = [question.asker_name]
    names += [assignment.person.name for assignment in question.assignments.all() if assignment.person]
    return [name for name in names if name]


def related_know_how(question: Question):
    """Know-how pages of the default language sharing a material or a domain with the question."""
    materials = question.materials.all()
    domains = question.domains.all()
    pages = KnowHowPage.objects.filter(locale=Locale.get_default())
    matching = pages.filter(materials__in=materials) | pages.filter(domains__in=domains)
    return matching.distinct().order_by("title")[:3]


@transaction.atomic
def draft_public_page(question: Question, user=None) -> QuestionAnswerPage:
    if question.status != Question.Status.CLOSED or not question.answer_sent_at:
        raise StepRefusedError(_("Only a question whose answer was sent can become a public page."))
    if question.published_page_id:
        raise StepRefusedError(_("This question already has its public page."))
    index = QuestionAnswerIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise StepRefusedError(_("Create the « questions and answers » index page first."))
    hidden = names_to_hide(question)
    public_question = anonymise(question.text, hidden)
    title = Truncator(public_question.split("\n")[0]).chars(90)
    slug = f"{slugify(title)[:60].strip('-') or 'question'}-{question.pk}"
    page = QuestionAnswerPage(
        title=title,
        slug=slug,
        summary=Truncator(anonymise(question.answer, hidden)).chars(280),
        question=public_question,
        answer=as_paragraphs(anonymise(question.answer, hidden)),
        answered_on=timezone.localdate(question.answer_sent_at),
        live=False,
    )
    page.domains.set(question.domains.all())
    page.materials.set(question.materials.all())
    if question.department_id:
        page.departments.set([question.department])
    page.related_trades.set(question.trades.all())
    page.related_labels.set(question.labels.all())
    page.related_know_how.set(related_know_how(question))
    index.add_child(instance=page)  # a ClusterableModel: saves the relations above with the page
    page.save_revision(user=user, log_action=True)
    question.published_page = page
    question.save(update_fields=["published_page"])
    record(question, "publish", user=user, page=page.pk)
    return page
