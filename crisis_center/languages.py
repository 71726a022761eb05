"""The language of what clients see: the feedback survey and resource cards.

Staff pages stay in LANGUAGE_CODE (no LocaleMiddleware); a client page is rendered in
the language the client chose on it (`?lang=es`), else the one the advocate preset on
the link, else the default. Adding a language is adding it to LANGUAGES and a catalog.
"""

from django.conf import settings
from django.utils import translation


def default_language() -> str:
    """The client-facing language closest to LANGUAGE_CODE ("en" for "en-us")."""
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


def client_languages() -> list[tuple[str, str]]:
    """(code, name) of every language a client page comes in; the choices of a link."""
    return [(code, name) for code, name in settings.LANGUAGES]


def client_language(*wanted: str | None) -> str:
    """The first of `wanted` that is one of LANGUAGES; an unknown code is ignored."""
    codes = {code for code, _name in settings.LANGUAGES}
    for code in wanted:
        if code in codes:
            return code
    return default_language()
