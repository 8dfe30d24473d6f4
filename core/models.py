from .generation import ContentGeneration
from .images import Picture, PictureRendition
from .sent_messages import SentMessage

__all__ = ["ContentGeneration", "Picture", "PictureRendition", "SentMessage"]
