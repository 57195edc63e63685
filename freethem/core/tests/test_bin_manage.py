"""bin/manage loads the env file as systemd does and refuses to run without a safe one; manage.py
refuses to run beside a production env file without it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from freethem.core import envfile

ROOT = Path(__file__).resolve().parents[3]
SHOW = "import json, os; from django.conf import settings; print(json.dumps({'file': os.environ['FREETHEM_ENV_FILE'], 'data': str(settings.DATA_DIR), 'motto': os.environ['MOTTO']}))"  # noqa: E501


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FREETHEM_", "DATABASE_URL"))}
    return subprocess.run(
        command, env={**base, **env}, capture_output=True, text=True, check=False, timeout=60
    )


def env_file(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def test_it_loads_the_env_file_and_names_it_to_the_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = env_file(
        tmp_path / "site.env", f'# comment\nFREETHEM_DATA_DIR={data}\nMOTTO="free them all"\n'
    )

    result = run(
        [str(ROOT / "bin/manage"), "shell", "-v", "0", "-c", SHOW], FREETHEM_ENV_FILE=str(path)
    )

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown == {"file": str(path), "data": str(data), "motto": "free them all"}


def test_it_refuses_an_env_file_other_users_can_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = env_file(tmp_path / "site.env", f"FREETHEM_DATA_DIR={data}\n", mode=0o644)

    result = run([str(ROOT / "bin/manage"), "check"], FREETHEM_ENV_FILE=str(path))

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"bin/manage: {path} is open to other users (mode 0644): it holds the site's keys; "
        f"make it private with: chmod 600 {path}"
    )
    assert not data.exists()


def test_it_refuses_a_missing_env_file_it_was_told_to_use(tmp_path: Path) -> None:
    result = run([str(ROOT / "bin/manage"), "check"], FREETHEM_ENV_FILE=str(tmp_path / "none.env"))

    assert result.returncode == 1
    assert "FREETHEM_ENV_FILE names" in result.stderr and "does not exist" in result.stderr


@pytest.mark.skipif(envfile.DEFAULT_PATH.exists(), reason="this machine has a production env file")
def test_it_refuses_production_without_an_env_file(tmp_path: Path) -> None:
    result = run(
        [str(ROOT / "bin/manage"), "check"],
        FREETHEM_ENV="production",
        FREETHEM_DATA_DIR=str(tmp_path / "data"),
    )

    assert result.returncode == 1
    assert "FREETHEM_ENV=production but there is no env file" in result.stderr
    assert not (tmp_path / "data").exists()


def test_manage_py_refuses_to_run_beside_an_env_file_it_did_not_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = env_file(tmp_path / "site.env", f"FREETHEM_DATA_DIR={data}\n")

    alone = run([sys.executable, str(ROOT / "manage.py"), "check"], FREETHEM_ENV_FILE=str(path))
    through_bin_manage = run([str(ROOT / "bin/manage"), "check"], FREETHEM_ENV_FILE=str(path))

    assert alone.returncode == 1
    assert alone.stderr.strip() == (
        f"manage.py: this machine has a production environment in {path}; run bin/manage"
    )
    assert through_bin_manage.returncode == 0, through_bin_manage.stderr
    assert data.exists()  # made by the run through bin/manage only


def test_it_reads_values_as_systemd_does() -> None:
    text = (
        "# comment\n; also a comment\n"
        "PLAIN=1\n"
        "  SPACED = two words  \n"
        "SINGLE='a # b $x'\n"
        'DOUBLE="say \\"hi\\" \\$HOME"\n'
        "CONTINUED=first\\\nsecond\n"
        "ESCAPED=a\\ b\n"
        "NO_EQUALS_SIGN\n"
        "1INVALID=name\n"
        "EMPTY=\n"
        'MULTI="line one\nline two"\n'
        "PLAIN=2\n"
    )

    assert envfile.parse(text) == {
        "PLAIN": "2",
        "SPACED": "two words",
        "SINGLE": "a # b $x",
        "DOUBLE": 'say "hi" $HOME',
        "CONTINUED": "firstsecond",
        "ESCAPED": "a b",
        "EMPTY": "",
        "MULTI": "line one\nline two",
    }


@pytest.mark.parametrize("value", ["plain-token_1", "with space", 'q"uo$te`s\\', "it's"])
def test_it_writes_values_that_read_back_the_same(value: str) -> None:
    assert envfile.parse(envfile.line("KEY", value)) == {"KEY": value}
