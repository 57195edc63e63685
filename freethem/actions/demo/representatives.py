"""Demo data: representatives."""


def load() -> str:
    return ""


def loaded() -> bool:
    return False
