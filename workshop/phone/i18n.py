"""The phone pages' own words in the parent's language: gettext catalogues compiled with Babel.

The catalogues are ``data/locale/<lang>/LC_MESSAGES/phone.po``, written in B1 Dutch and
translated; they ship with the package and are compiled with Babel when first used (no compiled
file to keep up to date). A translation should be checked by a native speaker before a meeting
(docs/meedoen.md).
"""

from __future__ import annotations

import functools
import gettext
import io

from workshop.model import LANGUAGES
from workshop.resources import content_dir

DOMAIN = "phone"
RTL = frozenset({"ar"})
NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "uk": "Українська",
}


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; Dutch (the source text) for any other."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = content_dir() / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "nl" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def pick_language(accept_language: str | None) -> str:
    """The first language of the browser's list (Accept-Language) that the pages speak."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, n, tag.strip().lower().split("-")[0]))
    for _, _, code in sorted(ranked):
        if code in LANGUAGES:
            return code
    return "nl"
