"""A system dependency a test module needs (a library the package manager installs): without
it, a local run skips the module with one line saying what to install; under CI=true, where
.ci/run installs everything, the module fails instead."""

import pytest

from freethem.core.testing.browser import in_ci


def require_module_level(reason: str) -> None:
    """Call at the top of a test module, before importing what needs the dependency; reason
    is empty when the dependency is there."""
    if not reason:
        return
    if in_ci():
        pytest.fail(f"{reason}; CI=true, so this is a failure", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
