from .generation import ContentGeneration

__all__ = ["ContentGeneration"]
