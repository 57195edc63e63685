"""Demo data: urgent."""


def load() -> str:
    return ""


def loaded() -> bool:
    return False
