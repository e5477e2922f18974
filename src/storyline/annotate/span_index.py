"""Which of many character ranges overlap a given one, without scanning them all.

The stages ask "is this stretch already taken?" or "which mention holds this token?" once
per candidate; a scan of every mention each time makes a long article cost its length
squared. The index keeps the ranges sorted by start with a running maximum of their ends,
so a query bisects to the ranges that start before its end and walks back only while one
of them can still reach it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items with ``(start, end)`` character ranges; overlap queries in their given order."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self._bounds = bounds
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._order: list[int] = []  # each item's position in the order added
        self._items: list[T] = []
        self._reach: list[int] = []  # the furthest end among the items up to here
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, item: T) -> None:
        """Add ``item``; cheap when items come in order of start, as text order gives."""
        start, end = self._bounds(item)
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        self._order.insert(at, len(self._order))
        self._items.insert(at, item)
        self._reach.insert(at, end)
        for i in range(at, len(self._reach)):  # only the tail after an out-of-order add
            reach = max(self._ends[i], self._reach[i - 1] if i else end)
            if i > at and reach == self._reach[i]:
                break
            self._reach[i] = reach

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items whose range overlaps ``[start, end)`` as ``Span.overlaps`` says (starts
        before its end, ends after its start), in the order added."""
        found: list[tuple[int, T]] = []
        i = bisect.bisect_left(self._starts, end) - 1
        while i >= 0 and self._reach[i] > start:
            if self._ends[i] > start:
                found.append((self._order[i], self._items[i]))
            i -= 1
        return [item for _, item in sorted(found, key=lambda p: p[0])]

    def any_overlapping(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start
