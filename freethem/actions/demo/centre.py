"""Demo data: centre."""


def load() -> str:
    return ""


def loaded() -> bool:
    return False
