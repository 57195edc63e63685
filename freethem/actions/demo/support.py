"""Demo data: support."""


def load() -> str:
    return ""


def loaded() -> bool:
    return False
