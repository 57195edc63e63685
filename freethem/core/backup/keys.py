"""The keys a backup carries: without the data keys no signer's email can be read again, and
without SECRET_KEY every personal and confirmation link that was mailed stops working.

Production takes both from the environment (the env file); development keeps them in the data
directory (secret_key, data_key). A backup writes them as KEY=value lines (keys.env in the
archive, or a file of their own kept apart), whichever place they came from. A restore puts a
key back where this machine reads it: a key the environment sets must already be the backup's
(the restore refuses otherwise, rather than leave the data unreadable), and a file in the data
directory is written. The secret_key file a development start-up makes in an empty data
directory protects nothing yet and is replaced; a data_key file is never replaced.
"""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from freethem.core import crypto, envfile

FILES = {"SECRET_KEY": "secret_key", "FREETHEM_DATA_KEYS": crypto.KEY_FILE}


@dataclass
class Keys:
    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # "environment" or "file"

    def text(self, heading: str) -> str:
        lines = [f"# {heading}", "# Keep this private (mode 0600) and apart from the backup."]
        lines += [envfile.line(name, value) for name, value in self.values.items()]
        return "\n".join(lines) + "\n"


def current() -> Keys:
    """The keys this site runs with, and where each comes from."""
    keys = Keys()
    for name, filename in FILES.items():
        path = Path(settings.DATA_DIR) / filename
        if os.environ.get(name, "").strip():
            value = settings.SECRET_KEY if name == "SECRET_KEY" else os.environ[name].strip()
            keys.values[name], keys.sources[name] = value, "environment"
        elif path.exists():
            keys.values[name], keys.sources[name] = path.read_text().strip(), "file"
    return keys


def parse(text: str) -> dict[str, str]:
    return {name: value for name, value in envfile.parse(text).items() if name in FILES}


def problems(archived: dict[str, str]) -> list[str]:
    """Why the backup's keys cannot take over here; [] when they can."""
    found = []
    where = os.environ.get("FREETHEM_ENV_FILE") or "the environment"
    for name, value in archived.items():
        configured = os.environ.get(name, "").strip()
        path = Path(settings.DATA_DIR) / FILES[name]
        if configured and name == "SECRET_KEY" and configured != value:
            found.append(
                f"SECRET_KEY in {where} is not the backup's, so the links mailed to signers "
                "would stop working: put the backup's SECRET_KEY there"
            )
        elif configured and not set(_split(value)) <= set(_split(configured)):
            found.append(
                f"FREETHEM_DATA_KEYS in {where} lacks the backup's data key, so no stored "
                "email could be read: put the backup's FREETHEM_DATA_KEYS there"
            )
        elif not configured and name == "FREETHEM_DATA_KEYS" and len(_split(value)) > 1:
            found.append(
                "the backup has several data keys, which a data_key file cannot hold: "
                f"set FREETHEM_DATA_KEYS in {where} to the backup's"
            )
        elif not configured and name == "FREETHEM_DATA_KEYS" and _differs(path, value):
            found.append(
                f"{path} holds another data key, which may protect data elsewhere: "
                "restore into a data directory without one"
            )
    return found


def install(archived: dict[str, str]) -> list[str]:
    """Write the keys that live in data directory files here; the names of those written."""
    written = []
    for name, value in archived.items():
        if os.environ.get(name, "").strip():
            continue  # problems() made sure the environment holds this key already
        _write_private(Path(settings.DATA_DIR) / FILES[name], value)
        written.append(FILES[name])
        if name == "SECRET_KEY":
            settings.SECRET_KEY = value
    crypto.reset_keys()
    return written


def _split(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _differs(path: Path, value: str) -> bool:
    return path.exists() and path.read_text().strip() != value


def _write_private(path: Path, value: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(descriptor, "w") as file:  # mkstemp makes it 0600
        file.write(value + "\n")
    os.replace(temporary, path)
