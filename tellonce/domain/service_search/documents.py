"""What the search is given: services as plain values, synonym rings, and the filters a family sets.

Source: issue #7 (age, need, type, locality, free and distance filters); ORUK 3.0 service fields."""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0  # the mean radius


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float

    def km_to(self, other: "Point") -> float:
        """Great-circle distance (haversine, mean Earth radius)."""
        lat1, lat2 = math.radians(self.latitude), math.radians(other.latitude)
        dlat, dlon = lat2 - lat1, math.radians(other.longitude - self.longitude)
        h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Document:
    """One published service, as the search needs it. Category and need ids include ancestors."""

    id: str
    name: str
    alternate_name: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    category_ids: frozenset[str] = frozenset()
    need_ids: frozenset[str] = frozenset()
    locality_ids: frozenset[str] = frozenset()  # empty: the whole area
    minimum_age: int | None = None
    maximum_age: int | None = None
    free: bool = True
    points: tuple[Point, ...] = ()


@dataclass(frozen=True, slots=True)
class SynonymRing:
    """Labels that mean the same to a family: a preferred label and its other words."""

    preferred: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Filters:
    age: int | None = None
    need_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()
    locality_id: str | None = None
    free_only: bool = False
    near: Point | None = None
    within_km: float | None = None

    def admit(self, doc: Document) -> bool:
        if self.age is not None:
            if doc.minimum_age is not None and self.age < doc.minimum_age:
                return False
            if doc.maximum_age is not None and self.age > doc.maximum_age:
                return False
        if self.need_ids and not self.need_ids & doc.need_ids:
            return False
        if self.category_ids and not self.category_ids & doc.category_ids:
            return False
        if self.locality_id and doc.locality_ids and self.locality_id not in doc.locality_ids:
            return False
        if self.free_only and not doc.free:
            return False
        if self.near is not None and self.within_km is not None:
            distance = self.distance_km(doc)
            if distance is None or distance > self.within_km:
                return False
        return True

    def distance_km(self, doc: Document) -> float | None:
        if self.near is None or not doc.points:
            return None
        return min(self.near.km_to(p) for p in doc.points)
