"""Django's SQLite backend, with writers taking turns through an operating-system lock.

SQLite has one write lock per database. A writer that finds it taken sleeps and tries again
(its busy handler sleeps 1, 2, 5, 10 ... up to 100 ms at a time), so under a burst of
concurrent writes (an appeal going viral) an unlucky request can sleep for a second while
others keep winning. Here every write transaction (BEGIN IMMEDIATE, settings.py; BEGIN
EXCLUSIVE, the task worker claiming a task) first takes an exclusive flock() on a file beside
the database, which the kernel hands to the next waiter the moment it is released: writers
queue instead of polling, and none sleeps longer than the transactions ahead of it take.
Reads never wait for it (WAL).

The lock is per open file, so each connection (each process, each thread) opens its own; the
kernel drops it if a process dies. Writes outside a transaction (autocommit) do not take it and
rely on the busy timeout, as before.
"""

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base

# Transactions that take SQLite's write lock when they begin: IMMEDIATE is freethem's setting;
# the task worker claims its tasks in EXCLUSIVE ones, and queues with everyone else.
WRITING = frozenset({"IMMEDIATE", "EXCLUSIVE"})


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn_file: int | None = None
        self._turn_held = False

    def _start_transaction_under_autocommit(self) -> None:
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._end_turn()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            self._end_turn()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._end_turn()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._end_turn()
            if self._turn_file is not None:
                os.close(self._turn_file)
                self._turn_file = None

    def _take_turn(self) -> None:
        if self.transaction_mode not in WRITING or self.is_in_memory_db():
            return
        if self._turn_file is None:
            path = f"{self.settings_dict['NAME']}.writers"
            self._turn_file = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._turn_file, fcntl.LOCK_EX)
        self._turn_held = True

    def _end_turn(self) -> None:
        if self._turn_held and self._turn_file is not None:
            fcntl.flock(self._turn_file, fcntl.LOCK_UN)
        self._turn_held = False
