"""Sets of documents as the bits of one int, and the documents each filter admits.

Documents are numbered 0 to n-1; a set of them is an int with those bits set. Intersections and
unions run in C whatever the set's size, and the garbage collector never has to scan an int, so a
large index holds few objects it must visit."""

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tellonce.domain.service_search.documents import EARTH_RADIUS_KM, Document, Filters


def bitset(positions: Iterable[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for p in positions:
        bits[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(bits, "little")


_BYTE_POSITIONS = tuple(tuple(j for j in range(8) if b >> j & 1) for b in range(256))


def positions(bits: int) -> list[int]:
    """The positions in a set, in ascending order."""
    found: list[int] = []
    for k, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            base = k * 8
            found += [base + j for j in _BYTE_POSITIONS[byte]]
    return found


def union(sets: Iterable[int]) -> int:
    found = 0
    for bits in sets:
        found |= bits
    return found


def _inverted(docs: Sequence[Document], values: Callable[[Document], Iterable[str]]) -> dict[str, int]:
    found: dict[str, list[int]] = {}
    for p, doc in enumerate(docs):
        for value in values(doc):
            found.setdefault(value, []).append(p)
    return {k: bitset(v, len(docs)) for k, v in found.items()}


def _at_most(ages: list[tuple[int, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """From (age, position) pairs: the distinct ages, ascending, and for each the set of positions
    whose age is at most that one."""
    distinct: list[int] = []
    sets: list[int] = []
    running = 0
    for age, p in sorted(ages):
        running |= 1 << p
        if distinct and distinct[-1] == age:
            sets[-1] = running
        else:
            distinct.append(age)
            sets.append(running)
    return tuple(distinct), tuple(sets)


@dataclass(frozen=True, slots=True)
class FilterSets:
    """The documents each filter value admits, so filtering a search is a few intersections.
    Distance is only narrowed here, to a band of latitude: the search measures the rest."""

    everyone: int
    free: int
    area_wide: int
    by_locality: dict[str, int]
    by_category: dict[str, int]
    by_need: dict[str, int]
    no_minimum: int
    minimums: tuple[int, ...]  # distinct minimum ages, ascending
    up_to_minimum: tuple[int, ...]  # documents whose minimum age is at most minimums[i]
    no_maximum: int
    maximums: tuple[int, ...]  # distinct maximum ages, ascending
    from_maximum: tuple[int, ...]  # documents whose maximum age is at least maximums[i]
    latitudes: tuple[float, ...]  # every point's latitude, ascending
    at_latitude: tuple[int, ...]  # the document each of those points belongs to

    @classmethod
    def build(cls, docs: Sequence[Document]) -> "FilterSets":
        size = len(docs)
        minimums, up_to = _at_most(
            [(d.minimum_age, p) for p, d in enumerate(docs) if d.minimum_age is not None]
        )
        negated, from_max = _at_most(
            [(-d.maximum_age, p) for p, d in enumerate(docs) if d.maximum_age is not None]
        )
        points = sorted((q.latitude, p) for p, d in enumerate(docs) for q in d.points)
        return cls(
            everyone=(1 << size) - 1,
            free=bitset((p for p, d in enumerate(docs) if d.free), size),
            area_wide=bitset((p for p, d in enumerate(docs) if not d.locality_ids), size),
            by_locality=_inverted(docs, lambda d: d.locality_ids),
            by_category=_inverted(docs, lambda d: d.category_ids),
            by_need=_inverted(docs, lambda d: d.need_ids),
            no_minimum=bitset((p for p, d in enumerate(docs) if d.minimum_age is None), size),
            minimums=minimums,
            up_to_minimum=up_to,
            no_maximum=bitset((p for p, d in enumerate(docs) if d.maximum_age is None), size),
            maximums=tuple(-m for m in reversed(negated)),
            from_maximum=tuple(reversed(from_max)),
            latitudes=tuple(lat for lat, _ in points),
            at_latitude=tuple(p for _, p in points),
        )

    def admitted(self, filters: Filters) -> int:
        """Documents that `Filters.admit` would admit, except that distance is only narrowed."""
        bits = self.everyone
        if filters.age is not None:
            i = bisect_right(self.minimums, filters.age)
            bits &= self.no_minimum | (self.up_to_minimum[i - 1] if i else 0)
            j = bisect_left(self.maximums, filters.age)
            bits &= self.no_maximum | (self.from_maximum[j] if j < len(self.maximums) else 0)
        if filters.need_ids:
            bits &= union(self.by_need.get(i, 0) for i in filters.need_ids)
        if filters.category_ids:
            bits &= union(self.by_category.get(i, 0) for i in filters.category_ids)
        if filters.locality_id:
            bits &= self.area_wide | self.by_locality.get(filters.locality_id, 0)
        if filters.free_only:
            bits &= self.free
        if filters.near is not None and filters.within_km is not None:
            bits &= self._latitude_band(filters.near.latitude, filters.within_km)
        return bits

    def _latitude_band(self, latitude: float, within_km: float) -> int:
        # A great circle is never shorter than the difference of its ends' latitudes, so no point
        # outside this band (widened against rounding) can be within range.
        band = within_km / (EARTH_RADIUS_KM * math.pi / 180) * (1 + 1e-9) + 1e-9
        low = bisect_left(self.latitudes, latitude - band)
        high = bisect_right(self.latitudes, latitude + band)
        return bitset(self.at_latitude[low:high], self.everyone.bit_length())
