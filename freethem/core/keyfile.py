"""Secrets made once per data directory (the development SECRET_KEY, the data key).

Several processes start at once (gunicorn's workers, the task worker), and the first to find
no file makes one. The file must appear whole: a process that opened an empty file another had
just created, and read it before the key was written, would run with an empty or different
key. So the key is written to a private temporary file beside it and then hard-linked into
place, which fails if another process got there first; that one's key is read instead.

No Django import here: settings.py uses it.
"""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def read_or_create(path: Path, make: Callable[[], bytes]) -> bytes:
    """The file's content (stripped); if there is no file, make(), stored with mode 0600."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    value = make().strip()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:  # mkstemp creates it with mode 0600
            file.write(value + b"\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, path)
    except FileExistsError:
        return path.read_bytes().strip()
    finally:
        os.unlink(temporary)
    return value
