"""From a topic to a project: the forum's topics, the workshops and project sheets that come of
them, and the sector action plan their work carries."""

from .plan import ActionPlanPage
from .projects import (
    ProjectDeliverable,
    ProjectIndexPage,
    ProjectMember,
    ProjectObjective,
    ProjectPage,
    ProjectRecommendation,
    ProjectStep,
    Stage,
    Volunteer,
)
from .topics import TopicIndexPage, TopicPage, TopicProposal

__all__ = [
    "ActionPlanPage",
    "ProjectDeliverable",
    "ProjectIndexPage",
    "ProjectMember",
    "ProjectObjective",
    "ProjectPage",
    "ProjectRecommendation",
    "ProjectStep",
    "Stage",
    "TopicIndexPage",
    "TopicPage",
    "TopicProposal",
    "Volunteer",
]
