"""Tools some tests need from the system: skipped locally when missing, a failure under CI."""

import os
import shutil

import pytest


def require_tool(command: str, package: str) -> None:
    if shutil.which(command):
        return
    message = f"{command} not found (apt-get install {package})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true, so this is a failure")
    pytest.skip(message)
