"""Demo data: volunteers."""


def load() -> str:
    return ""


def loaded() -> bool:
    return False
