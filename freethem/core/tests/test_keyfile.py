"""Secrets made on first run: every process starting at once gets the same, whole key."""

import stat
import threading
from pathlib import Path

from freethem.core.keyfile import read_or_create


def start(path: Path, barrier: threading.Barrier, keys: list[bytes], number: int) -> None:
    barrier.wait()
    keys.append(read_or_create(path, lambda: f"key of starter {number} ".encode() * 8))


def test_everyone_starting_at_once_reads_the_one_whole_key(tmp_path: Path) -> None:
    for attempt in range(40):
        path = tmp_path / f"data_key_{attempt}"
        barrier = threading.Barrier(8)
        keys: list[bytes] = []

        threads = [
            threading.Thread(target=start, args=(path, barrier, keys, number))
            for number in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(keys)) == 1, keys
        assert keys[0].startswith(b"key of starter") and path.read_bytes().strip() == keys[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(".")] == []


def test_it_keeps_an_existing_key(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    path.write_bytes(b"kept\n")
    assert read_or_create(path, lambda: b"new") == b"kept"
