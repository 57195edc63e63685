"""A command that needs a site, pointed at a data directory without one (a typo, a forgotten
FREETHEM_DATA_DIR), says so in one line and creates nothing."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FREETHEM_", "DATABASE_"))}
    env["FREETHEM_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("command", [["totpcode", "demo"], ["createstaff", "ada"], ["worker"]])
def test_it_says_in_one_line_that_there_is_no_site_and_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    data_dir = tmp_path / "no-such-site"
    result = manage(data_dir, *command)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"manage.py: no freethem site in {data_dir}: start one there with "
        f"'FREETHEM_DATA_DIR={data_dir} make run', or set FREETHEM_DATA_DIR to the data "
        "directory of the site you mean."
    ]
    assert not data_dir.exists()


def test_it_takes_an_unmigrated_database_for_no_site(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sqlite3.connect(data_dir / "freethem.sqlite3").close()
    result = manage(data_dir, "totpcode", "demo")
    assert result.returncode == 1
    assert "no freethem site in" in result.stderr and "Traceback" not in result.stderr


def test_it_lets_a_command_reach_a_site_that_exists(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert manage(data_dir, "migrate", "-v0").returncode == 0  # migrate may start from nothing
    result = manage(data_dir, "totpcode", "demo")
    assert result.returncode == 1
    assert result.stderr.strip() == "CommandError: 'demo' has no confirmed authenticator."
