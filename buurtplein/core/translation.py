"""Per-language fields for content typed once for many (a neighbourhood intro, a category).

A model declares ``intro_nl`` and ``intro_en`` and ``intro = TranslatedField("intro")``; reading
``obj.intro`` gives the text in the active language, falling back to Dutch, then to any
language that has text.
"""

from django.conf import settings
from django.utils.translation import get_language


class TranslatedField:
    def __init__(self, base: str):
        self.base = base

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        order = [active, settings.LANGUAGE_CODE] + [code for code, _ in settings.LANGUAGES]
        for code in order:
            value = getattr(obj, f"{self.base}_{code}", "")
            if value:
                return value
        return ""
