"""Every string the code marks for translation has a Persian translation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

from freethem.core.testing.requirements import require_tool

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "freethem" / "locale" / "fa" / "LC_MESSAGES" / "django.po"


def test_it_translates_every_entry_of_the_persian_catalogue() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.metadata["Language"] == "fa"


def test_it_has_no_string_missing_from_the_catalogue(tmp_path: Path) -> None:
    require_tool("xgettext", "gettext")
    shutil.copytree(ROOT / "freethem", tmp_path / "freethem", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fa", "--no-obsolete"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"FREETHEM_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(tmp_path / CATALOGUE.relative_to(ROOT)))
    missing = sorted(entry.msgid for entry in fresh.untranslated_entries())
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing)


def test_it_keeps_the_placeholders_of_each_string() -> None:
    placeholders = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")

    def found(text: str) -> set[str]:
        return set(placeholders.findall(text))

    wrong = []
    for entry in polib.pofile(str(CATALOGUE)):
        if not entry.msgid_plural:
            if sorted(placeholders.findall(entry.msgid)) != sorted(
                placeholders.findall(entry.msgstr)
            ):
                wrong.append(entry.msgid)
            continue
        # The singular form may leave out the counter ("one year") but adds nothing; the
        # plural forms keep exactly the placeholders of msgid_plural.
        counters = {"%(counter)s", "%(count)s", "%(n)s", "%d"}
        for index, form in entry.msgstr_plural.items():
            if int(index) == 0:
                kept = found(entry.msgid) - counters <= found(form) <= found(entry.msgid) | counters
            else:
                kept = found(form) == found(entry.msgid_plural)
            if not kept:
                wrong.append(entry.msgid_plural)
    assert wrong == []
