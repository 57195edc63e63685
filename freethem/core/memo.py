"""Small, rarely changed values that hot requests read every time (the rate limits, the block
and allow rules, an appeal's state), kept in each server process for a few seconds.

A signature reads all three; from the database that is three queries and most of a
millisecond of ORM work per request, for values an organiser changes a few times a day. A
`Memo` keeps what its loader returned for `seconds`, per key. A change saved in this process
clears it at once (`clear_on_change`); other processes see it when their copy expires, so
`seconds` is the longest a change can take to reach every process.
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
_memos: list["Memo"] = []


class Memo(Generic[T]):
    def __init__(self, load: Callable[..., T], *, seconds: float, max_keys: int = 256) -> None:
        self._load = load
        self.seconds = seconds
        # Keys may come from a URL (an appeal's slug): never keep more than this many.
        self.max_keys = max_keys
        self._values: dict[Hashable, tuple[float, T]] = {}
        self._lock = threading.Lock()
        _memos.append(self)

    def get(self, *key: Hashable) -> T:
        """The loader's value for key, loaded again once it is `seconds` old."""
        now = time.monotonic()
        found = self._values.get(key)
        if found is not None and found[0] > now:
            return found[1]
        value = self._load(*key)
        with self._lock:
            if len(self._values) >= self.max_keys:
                self._values.clear()
            self._values[key] = (now + self.seconds, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def clear_on_change(self, *models: type[Model]) -> None:
        """Forget everything when a row of one of these models is saved or deleted here."""
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(self._changed, sender=model, weak=False)

    def _changed(self, **kwargs: Any) -> None:
        self.clear()


def clear_all() -> None:
    """Forget every memo (tests, and bulk updates that send no signals)."""
    for memo in _memos:
        memo.clear()
