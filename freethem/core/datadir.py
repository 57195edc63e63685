"""Close a data directory that an older version or a careless copy left readable to others.

New files need nothing from here: settings.py sets the process umask to 077, so whatever a
freethem process creates (SQLite's database and its -wal and -shm files, the keys, the
outbox's mails, uploads) is 0600 and every directory 0700. Files made before that, with
looser modes, are tightened here at start-up: the directory itself (enough on its own, since
no one else can then reach anything inside) and, for good measure, what lies directly in it.
Deeper files are not walked: the outbox and media may hold many thousands, and every process
(each gunicorn worker, each manage.py command) loads settings.

No Django import here: settings.py uses it.
"""

import os
import pwd
import stat
from pathlib import Path

PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600


def close_data_dir(data_dir: Path) -> None:
    """Take away every permission of group and others from data_dir and its entries."""
    _tighten(data_dir, PRIVATE_DIRECTORY)
    with os.scandir(data_dir) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _tighten(Path(entry.path), PRIVATE_DIRECTORY)
            elif entry.is_file(follow_symlinks=False):
                _tighten(Path(entry.path), PRIVATE_FILE)


def not_private_because(directory: Path) -> str | None:
    """Why directory is still open to other users after close_data_dir, or None when it is
    private: it belongs to another user (who reads what this process writes; and what root
    writes there, say a SQLite journal or an upload, the site's own user could not open), or
    its file system keeps its mode open."""
    info = directory.stat()
    if info.st_uid != os.geteuid():
        owner, user = _user_name(info.st_uid), _user_name(os.geteuid())
        return (
            f"{directory} belongs to the user {owner}, but freethem runs as {user}. Run it as "
            f"{owner} (sudo -u {owner} bin/manage ...), or, if {user} is to run the site, give "
            f"{user} the directory: chown -R {user}: {directory}"
        )
    mode = stat.S_IMODE(info.st_mode)
    if mode & ~PRIVATE_DIRECTORY:
        return (
            f"{directory} stays open to other users (mode {mode:o}) after chmod 700: put it "
            "on a file system that keeps Unix permissions"
        )
    return None


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _tighten(path: Path, allowed: int) -> None:
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & ~allowed:
            path.chmod(mode & allowed)
    except OSError:
        pass  # gone meanwhile, or another user's: not ours to change
