"""What the actions app's models share: text kept in English and Persian side by side."""

from django.db import models
from django.utils.translation import get_language


class Bilingual(models.Model):
    """A model whose texts are fields `<name>_en` and `<name>_fa`; `in_language("title")` is
    the reader's language, or English when the Persian is not written yet."""

    class Meta:
        abstract = True

    def in_language(self, name: str, language: str | None = None) -> str:
        language = language or get_language() or "en"
        if language.startswith("fa"):
            return getattr(self, f"{name}_fa") or getattr(self, f"{name}_en")
        return getattr(self, f"{name}_en") or getattr(self, f"{name}_fa")
