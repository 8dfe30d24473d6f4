"""The forum's public views: propose a topic (confirmed by a signed mail link), and answer a
workshop's call for participation (the referent is told by mail of each volunteer).

Both forms live on addresses of their own (``propose/``, ``participate/``): the forum's and the
workshop's pages hold no form, set no cookie, and stay in the page cache. Both count every
submission against a rate limit per address, carry a honeypot, save nothing when invalid (400
with the errors) and ask for consent.
"""

import datetime

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from core.mail import send_templated_mail
from core.public_forms import RateLimit
from core.signed_links import make_token, reads_signed_link

from .forms import PROPOSAL_CONSENT, VOLUNTEER_CONSENT, ProposalForm, VolunteerForm
from .models import TopicProposal, Volunteer
from .moderation import submit_proposal

CONFIRM_PURPOSE = "forum.confirm"
CONFIRMATION_LINK_AGE = datetime.timedelta(days=7)
PROPOSALS = RateLimit("forum.proposals", limit=5, period=datetime.timedelta(hours=1))
VOLUNTEERS = RateLimit("forum.volunteers", limit=10, period=datetime.timedelta(hours=1))


def propose(request, index):
    if request.method not in ("GET", "HEAD", "POST"):
        return TemplateResponse(request, "forum/propose.html", {"page": index}, status=405)
    if request.method != "POST":
        form = ProposalForm(locale_id=index.locale_id)
        return TemplateResponse(request, "forum/propose.html", {"page": index, "form": form})
    if not PROPOSALS.allow(request):
        return PROPOSALS.refusal(request)
    form = ProposalForm(request.POST, locale_id=index.locale_id)
    if not form.is_valid():
        return TemplateResponse(request, "forum/propose.html", {"page": index, "form": form}, status=400)
    data = form.cleaned_data
    proposal = TopicProposal.objects.create(
        index=index,
        name=data["name"],
        email=data["email"].lower(),
        structure_name=data["structure_name"],
        title=data["title"],
        problem=data["problem"],
        why_it_matters=data["why_it_matters"],
        language=get_language(),
        consent=str(PROPOSAL_CONSENT),
    )
    proposal.themes.set(data["themes"])
    token = make_token(CONFIRM_PURPOSE, {"proposal": proposal.pk})
    send_templated_mail(
        "forum/mail/confirm_proposal",
        {
            "proposal": proposal,
            "confirm_url": request.build_absolute_uri(reverse("forum:confirm", args=[token])),
        },
        [proposal.email],
    )
    return TemplateResponse(request, "forum/proposal_sent.html", {"page": index, "email": proposal.email})


@require_http_methods(["GET", "HEAD", "POST"])
@reads_signed_link(CONFIRM_PURPOSE, max_age=CONFIRMATION_LINK_AGE)
def confirm_proposal(request, value):
    """GET shows a button (mail scanners follow links: only a POST confirms)."""
    proposal = TopicProposal.objects.filter(pk=value.get("proposal")).first()
    if proposal is None:
        return TemplateResponse(request, "forum/proposal_gone.html", {}, status=410)
    if request.method == "POST":
        submit_proposal(proposal)
        return TemplateResponse(request, "forum/proposal_confirmed.html", {"proposal": proposal})
    return TemplateResponse(request, "forum/proposal_confirm.html", {"proposal": proposal})


def participate(request, project):
    context = {"page": project}
    if request.method not in ("GET", "HEAD", "POST"):
        return TemplateResponse(request, "forum/participate.html", context, status=405)
    if not project.accepts_volunteers:
        return TemplateResponse(
            request, "forum/participate.html", context, status=409 if request.method == "POST" else 200
        )
    if request.method != "POST":
        return TemplateResponse(request, "forum/participate.html", {**context, "form": VolunteerForm()})
    if not VOLUNTEERS.allow(request):
        return VOLUNTEERS.refusal(request)
    form = VolunteerForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(request, "forum/participate.html", {**context, "form": form}, status=400)
    data = form.cleaned_data
    volunteer = Volunteer.objects.create(
        project=project,
        name=data["name"],
        email=data["email"].lower(),
        organisation=data["organisation"],
        message=data["message"],
        consent=str(VOLUNTEER_CONSENT),
    )
    project_url = project.get_full_url(request)
    send_templated_mail(
        "forum/mail/new_volunteer",
        {"project": project, "volunteer": volunteer, "project_url": project_url},
        [project.referent_email],
        reply_to=[volunteer.email],
        once_key=f"forum:volunteer:{volunteer.pk}",
    )
    send_templated_mail(
        "forum/mail/volunteer_acknowledgement",
        {"project": project, "name": volunteer.name, "project_url": project_url},
        [volunteer.email],
    )
    return TemplateResponse(request, "forum/participation_sent.html", {**context, "name": volunteer.name})
