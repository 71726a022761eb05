"""The survey in the client's language (issue 23): English or Spanish, preset on the
link by the advocate or chosen by the client on the page; no English left in the
Spanish pages (compared against the catalog); the center's details at the foot."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from collaboration.models import FeedbackLink, FeedbackResponse
from crisis_center.center import CenterSettings
from tests import catalog

ANSWERS = {
    "services": ["hotline", "counseling"],
    "felt_safe": "strongly_agree",
    "felt_believed": "agree",
    "understood_culture": "prefer_not",
    "what_helped": "Escuchar.",
}
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
CENTER = {"name": "Centro Aurora", "hotline": "555-0199", "address": "Calle Mayor 5\nPueblo"}
# What a page shows that no catalog translates: the center's details, what was typed,
# each language's own name on the switch.
DATA = {"Centro Aurora", "Calle Mayor 5", "Pueblo", "x" * 1001, "Escuchar.", "Español"}


@pytest.fixture
def center(db):
    CenterSettings(**CENTER).save()


def _survey(token: str, lang: str | None = None) -> str:
    url = reverse("survey", args=[token])
    return f"{url}?lang={lang}" if lang else url


def _lang(response) -> str:
    return HTML_LANG.search(response.content.decode())[1]


def _pages(client, lang: str | None) -> dict[str, str]:
    """Every survey page a client can meet, in `lang` (None: the link's preset)."""
    _single, token = FeedbackLink.issue()
    _kiosk, kiosk_token = FeedbackLink.issue(kiosk=True, label="Tablet")
    bad = {"felt_safe": "furious", "what_helped": "x" * 1001, "services": ["nope"]}
    pages = {
        "survey": client.get(_survey(token, lang)),
        "errors": client.post(_survey(token, lang), bad),
        "thanks": client.post(_survey(token, lang), ANSWERS),
        "used": client.get(_survey(token, lang)),
        "kiosk thanks": client.post(_survey(kiosk_token, lang), ANSWERS),
    }
    return {name: response.content.decode() for name, response in pages.items()}


def test_the_survey_has_no_english_left_in_spanish(client, center):
    english, spanish = _pages(client, "en"), _pages(client, "es")
    for name in english:
        shown = catalog.runs_in(english[name], "en")
        assert shown, name
        left = catalog.english_left(shown, catalog.runs_in(spanish[name], "es"))
        assert left == [], (name, left)
        # ...and nothing English the catalog does not know either: every run of the
        # page marked Spanish is a Spanish message of the catalogs or data.
        assert catalog.unaccounted(catalog.runs_in(spanish[name], "es"), DATA) == [], name
        assert HTML_LANG.search(spanish[name])[1] == "es", name
        # Only the switch names another language, each in its own.
        others = [text for text, lang in catalog.visible_runs(spanish[name]) if lang == "en"]
        assert set(others) <= {"English"}, (name, others)


def test_every_survey_message_is_translated_and_none_is_fuzzy(client, center):
    shown = [run for page in _pages(client, "en").values() for run in catalog.runs_in(page, "en")]
    used = catalog.used_messages(shown)
    assert len(used) > 30  # the page's questions, answers, buttons and messages
    for entry in used:
        assert entry.msgstr and not entry.fuzzy, entry.msgid


def test_the_catalog_has_no_fuzzy_entries():
    assert [entry.msgid for entry in catalog.entries() if entry.fuzzy] == []


def test_the_catalog_compiles(tmp_path):
    import os

    if shutil.which("msgfmt") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext's msgfmt is missing (package gettext)")
        pytest.skip("GNU gettext's msgfmt is not installed")
    for po in catalog.PO.parent.parent.parent.glob("*/LC_MESSAGES/django.po"):
        result = subprocess.run(  # noqa: S603
            ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)],  # noqa: S607
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_the_link_opens_in_the_language_the_advocate_chose(client, db):
    _link, token = FeedbackLink.issue(language="es")
    response = client.get(_survey(token))
    assert _lang(response) == "es" and response["Content-Language"] == "es"
    assert "Díganos cómo lo hicimos" in response.content.decode()


def test_the_clients_choice_overrides_the_preset(client, db):
    _link, token = FeedbackLink.issue(language="es")
    response = client.get(_survey(token, "en"))
    assert _lang(response) == "en"
    assert "Tell us how we did" in response.content.decode()


@pytest.mark.parametrize("lang", ["xx", "", "es-zz", "<script>", "e" * 5000, "%00", "ES"])
def test_an_unknown_language_falls_back_to_the_preset_never_an_error(client, db, lang):
    _link, token = FeedbackLink.issue()
    response = client.get(reverse("survey", args=[token]), {"lang": lang})
    assert response.status_code == 200
    assert _lang(response) == "en"
    _spanish, token = FeedbackLink.issue(language="es")
    assert _lang(client.get(reverse("survey", args=[token]), {"lang": lang})) == "es"


def test_the_switch_is_a_form_that_keeps_no_cookie(client, db):
    _link, token = FeedbackLink.issue()
    body = client.get(_survey(token)).content.decode()
    switch = re.search(r'<form method="get"[^>]*>(.*?)</form>', body, re.S)[1]
    assert '<button type="submit"' in switch and 'name="lang" value="es" lang="es"' in switch
    assert "href=" not in switch
    client.get(_survey(token, "es"))
    assert not client.cookies


def test_the_language_stays_through_the_answers(client, db):
    _link, token = FeedbackLink.issue()
    response = client.post(_survey(token, "es"), ANSWERS)
    assert _lang(response) == "es" and "Gracias" in response.content.decode()


def test_a_survey_in_spanish_saves_the_same_codes_as_in_english(client, db):
    for lang in ("en", "es"):
        _link, token = FeedbackLink.issue(language=lang)
        assert client.post(_survey(token), ANSWERS).status_code == 200
    english, spanish = FeedbackResponse.objects.order_by("id").values()
    assert {k: v for k, v in english.items() if k != "id"} == {
        k: v for k, v in spanish.items() if k != "id"
    }


def test_staff_pages_stay_in_english_after_a_spanish_survey(client, advocate, db):
    _link, token = FeedbackLink.issue(language="es")
    client.get(_survey(token))
    client.force_login(advocate)
    response = client.get(reverse("feedback_link_new"))
    assert _lang(response) == "en-us"
    assert "Feedback survey link" in response.content.decode()


# The center's details at the foot --------------------------------------------------------


def test_the_footer_shows_the_centers_name_hotline_and_address(client, center):
    _link, token = FeedbackLink.issue(language="es")
    body = client.get(_survey(token)).content.decode()
    footer = re.search(r"<footer.*?</footer>", body, re.S)[0]
    assert "Centro Aurora" in footer and "Línea de ayuda: 555-0199" in footer
    assert "<address" in footer and "Calle Mayor 5<br>Pueblo" in footer


def test_no_address_line_when_the_center_gave_none(client, db):
    CenterSettings(name="Centro Aurora", hotline="", address="").save()
    _link, token = FeedbackLink.issue()
    footer = re.search(r"<footer.*?</footer>", client.get(_survey(token)).content.decode(), re.S)
    assert "Centro Aurora" in footer[0]
    assert "<address" not in footer[0] and "Hotline" not in footer[0]


def test_the_survey_runs_a_fixed_number_of_queries(client, center, django_assert_num_queries):
    _link, token = FeedbackLink.issue(language="es")
    # savepoint, the link, the center's settings, release.
    with django_assert_num_queries(4):
        assert client.get(_survey(token)).status_code == 200


# The advocate's preset ---------------------------------------------------------------


def test_an_advocate_presets_the_links_language(client, advocate):
    client.force_login(advocate)
    body = client.post(reverse("feedback_link_new"), {"language": "es"}).content.decode()
    token = re.search(r"/survey/([A-Za-z0-9_-]{43})/", body)[1]
    assert FeedbackLink.objects.by_token(token).get().language == "es"


@pytest.mark.parametrize("language", ["", "xx", "ES", "e" * 500])
def test_a_bad_language_brings_the_form_back_and_saves_nothing(client, advocate, language):
    client.force_login(advocate)
    response = client.post(reverse("feedback_link_new"), {"language": language})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert FeedbackLink.objects.count() == 0
