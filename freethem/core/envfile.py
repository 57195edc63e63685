"""The production environment file: KEY=value lines that systemd's EnvironmentFile= reads.

bin/manage loads it before manage.py, the services load it through systemd, and a backup
carries it. It is parsed here the way systemd parses it, so that a command run by hand sees
exactly what the services see: empty lines and lines starting with # or ; are comments, a line
without = is ignored, whitespace around the key and the value is dropped, a value may be
'single-quoted' (verbatim) or "double-quoted" (\\ escapes \\ " ` $), a backslash escapes the
next character and a backslash at the end of a line continues it.

No Django import here: bin/manage and manage.py use it before Django is set up.
"""

import os
import re
import stat
import tarfile
from pathlib import Path

DEFAULT_PATH = Path("/etc/freethem/freethem.env")
# The variables that are keys: a backup may keep them apart from the env file it archives.
KEY_NAMES = ("SECRET_KEY", "FREETHEM_DATA_KEYS")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
PLAIN_VALUE = re.compile(r"[A-Za-z0-9_\-=.,+/:@%]*")
# Where a backup archive (freethem/core/backup) holds the env file and the keys.
ENV_MEMBER = "freethem.env"
KEYS_MEMBER = "keys.env"
KEPT_APART = "# {name} is kept apart from this backup: bin/manage restore --keys FILE"


class EnvFileError(Exception):
    """The env file cannot be used; the message says why, in one line."""


def path_from(environ: dict[str, str] | os._Environ[str]) -> tuple[Path, bool]:
    """The env file's path, and whether FREETHEM_ENV_FILE named it (rather than the default)."""
    named = environ.get("FREETHEM_ENV_FILE", "").strip()
    return (Path(named), True) if named else (DEFAULT_PATH, False)


def load(path: Path) -> dict[str, str]:
    """The variables of a private env file; EnvFileError when others could read it."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise EnvFileError(f"cannot read {path}: {error.strerror}") from error
    if mode & 0o077:
        raise EnvFileError(
            f"{path} is open to other users (mode {mode:04o}): it holds the site's keys; "
            f"make it private with: chmod 600 {path}"
        )
    return parse(text)


def parse(text: str) -> dict[str, str]:
    """The assignments of an EnvironmentFile, as systemd reads them (later ones win)."""
    return dict(_Parser().run(text))


class _Parser:
    """systemd's parse_env_file(), state for state."""

    def __init__(self) -> None:
        self.state = "pre_key"
        self.key = ""
        self.value: list[str] = []
        self.trailing = 0  # unquoted whitespace at the end of the value, which is dropped

    def run(self, text: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for char in text + "\n":
            if self.step(char):
                key = self.key.rstrip(" \t\r")
                value = "".join(self.value[: len(self.value) - self.trailing])
                self.key, self.value, self.trailing = "", [], 0
                if NAME.fullmatch(key):  # systemd ignores an invalid name too
                    found.append((key, value))
        return found

    def step(self, char: str) -> bool:
        """Take one character; True when it ends an assignment."""
        state = self.state
        if state == "pre_key":
            if char in "#;":
                self.state = "comment"
            elif not char.isspace():
                self.state, self.key = "key", char
        elif state == "key":
            if char == "\n":
                self.state, self.key = "pre_key", ""  # no "=": ignored
            elif char == "=":
                self.state = "pre_value"
            else:
                self.key += char
        elif state in ("pre_value", "value"):
            if char == "\n":
                self.state = "pre_key"
                return True
            if state == "pre_value" and char in " \t\r":
                return False
            if char in "'\"" and state == "pre_value":
                self.state = "single" if char == "'" else "double"
            elif char == "\\":
                self.state, self.trailing = "value_escape", 0
            else:
                self.state = "value"
                self.value.append(char)
                self.trailing = self.trailing + 1 if char in " \t\r" else 0
        elif state == "value_escape":
            self.state = "value"
            if char != "\n":
                self.value.append(char)
        elif state == "single":
            if char == "'":
                self.state = "pre_value"
            else:
                self.value.append(char)
        elif state == "double":
            if char == '"':
                self.state = "pre_value"
            elif char == "\\":
                self.state = "double_escape"
            else:
                self.value.append(char)
        elif state == "double_escape":
            self.state = "double"
            if char in '"\\`$':
                self.value.append(char)
            elif char != "\n":
                self.value.extend(("\\", char))
        elif state == "comment":
            if char == "\\":
                self.state = "comment_escape"
            elif char == "\n":
                self.state = "pre_key"
        elif state == "comment_escape":
            self.state = "comment"
        return False


def line(name: str, value: str) -> str:
    """An assignment that parse() (and systemd) reads back as value."""
    if PLAIN_VALUE.fullmatch(value):
        return f"{name}={value}"
    escaped = re.sub(r'(["\\`$])', r"\\\1", value)
    return f'{name}="{escaped}"'


def without_keys(text: str) -> str:
    """The env file's text with its key assignments replaced by a comment saying so."""
    pattern = re.compile(rf"^[ \t]*({'|'.join(KEY_NAMES)})[ \t]*=.*$", re.MULTILINE)
    return pattern.sub(lambda match: KEPT_APART.format(name=match.group(1)), text)


def with_keys(text: str, keys: dict[str, str]) -> str:
    """Undo without_keys(): the comments replaced by the keys' assignments again."""
    for name in KEY_NAMES:
        if name in keys:
            text = text.replace(KEPT_APART.format(name=name), line(name, keys[name]))
    return text


def missing_keys(text: str) -> list[str]:
    """The keys that without_keys() took out of this text and with_keys() has not put back."""
    return [name for name in KEY_NAMES if KEPT_APART.format(name=name) in text]


def from_backup(archive: Path, keys_file: Path | None) -> str | None:
    """The env file a backup holds, its keys put back from keys_file when they were kept
    apart; None when the backup holds no env file."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = tar.extractfile(ENV_MEMBER) if ENV_MEMBER in tar.getnames() else None
            text = member.read().decode("utf-8") if member else None
    except (OSError, tarfile.TarError) as error:
        raise EnvFileError(f"cannot read the backup {archive}: {error}") from error
    if text is None or not missing_keys(text):
        return text
    if keys_file is None:
        raise EnvFileError(
            f"the keys of {archive} are kept apart from it: give them with --keys FILE"
        )
    try:
        text = with_keys(text, parse(keys_file.read_text(encoding="utf-8")))
    except OSError as error:
        raise EnvFileError(f"cannot read {keys_file}: {error.strerror}") from error
    if missing_keys(text):
        raise EnvFileError(f"{keys_file} lacks " + " and ".join(missing_keys(text)))
    return text
