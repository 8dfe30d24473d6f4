from .generation import ContentGeneration
from .sent_messages import SentMessage

__all__ = ["ContentGeneration", "SentMessage"]
