"""The region's geography: its bounding box, from settings (the map starts on it too)."""

from django.conf import settings


def region_bounds() -> tuple[float, float, float, float]:
    """(south, west, north, east) of Pays de la Loire, in degrees (WGS84)."""
    return tuple(settings.MAP_REGION_BOUNDS)


def in_region(latitude: float, longitude: float) -> bool:
    south, west, north, east = region_bounds()
    return south <= latitude <= north and west <= longitude <= east
