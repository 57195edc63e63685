"""Demo data: updates."""


def load() -> str:
    return ""


def loaded() -> bool:
    return False
