"""Helpers for the tests of what clients see in their language: the Spanish catalog as
written (locale/es/LC_MESSAGES/django.po, read with a few lines instead of polib), the
visible text of a page, and the two comparisons against the catalog."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgstr: str
    fuzzy: bool


def _unquote(line: str) -> str:
    text = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def entries(path: Path = PO) -> list[Entry]:
    """Every entry of a .po file but the header (no plurals or contexts are used)."""
    found = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        parts: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith(("msgid ", "msgstr ", "msgctxt ")):
                key = line.split(" ", 1)[0]
                parts[key] = ""
            parts[key] += _unquote(line)
        if parts.get("msgid"):
            found.append(Entry(parts["msgid"], parts.get("msgstr", ""), fuzzy))
    return found


def _pattern(message: str) -> str:
    """A message as a regular expression, each placeholder standing for any text."""
    return ".+?".join(re.escape(piece) for piece in PLACEHOLDER.split(message))


class _Visible(HTMLParser):
    """Text a person reads or hears, with the language it is marked as: text outside
    scripts and styles, the title, and the attributes screen readers announce."""

    VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
    READ = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.runs: list[tuple[str, str | None]] = []
        self.hidden = 0

    def _lang(self) -> str | None:
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def _add(self, text: str | None, lang: str | None) -> None:
        text = " ".join((text or "").split())
        if text:
            self.runs.append((text, lang))

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        lang = attrs.get("lang") or self._lang()
        for name in self.READ:
            self._add(attrs.get(name), lang)
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self._add(attrs.get("value"), lang)
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs.get("lang")))
        if tag in ("script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag) -> None:
        while self.stack:
            open_tag, _lang = self.stack.pop()
            if open_tag in ("script", "style"):
                self.hidden -= 1
            if open_tag == tag:
                break

    def handle_data(self, data) -> None:
        if not self.hidden:
            self._add(data, self._lang())


def visible_runs(html: str) -> list[tuple[str, str | None]]:
    """(text, language) of each run of visible text, in page order."""
    parser = _Visible()
    parser.feed(html)
    return parser.runs


def runs_in(html: str, language: str) -> list[str]:
    """The visible text marked as `language` (the page's own, from <html lang>)."""
    return [text for text, lang in visible_runs(html) if (lang or "").split("-")[0] == language]


def english_left(english: list[str], spanish: list[str]) -> list[str]:
    """The catalog's English messages shown on the English page that are still on the
    Spanish one (a message its Spanish spells the same, like "no", cannot be told)."""
    english_text, spanish_text = "\n".join(english), "\n".join(spanish)
    left = []
    for entry in entries():
        if entry.msgstr == entry.msgid:
            continue
        pattern = re.compile(rf"(?<!\w){_pattern(entry.msgid)}(?!\w)")
        if pattern.search(english_text) and pattern.search(spanish_text):
            left.append(entry.msgid)
    return left


def used_messages(english: list[str]) -> list[Entry]:
    """The catalog's entries whose English shows on a page. The catalog holds the staff's
    words too, and a short one ("Legal", "staff member") is found inside many a longer
    sentence: a message of three words or fewer counts only as a whole run of text, and
    one that opens with a placeholder and has a single word ("%(title)s saved.") would
    match any run ending in that word."""
    text = "\n".join(english)
    runs = {run.strip() for run in english}
    used = []
    for entry in entries():
        pattern = _pattern(entry.msgid)
        if PLACEHOLDER.match(entry.msgid) and len(PLACEHOLDER.sub("", entry.msgid).split()) < 2:
            continue
        if len(entry.msgid.split()) <= 3:
            if any(re.fullmatch(pattern, run) for run in runs):
                used.append(entry)
        elif re.search(rf"(?<!\w){pattern}(?!\w)", text):
            used.append(entry)
    return used


def _spanish_patterns() -> list[re.Pattern]:
    """Every Spanish message the active catalogs hold (ours and Django's), as a whole
    run; a message that is nearly all placeholder would match anything, so is left out."""
    catalog = translation.trans_real.translation("es")._catalog
    patterns = []
    for message in {m for _key, m in catalog.items() if isinstance(m, str)}:
        if len(re.findall(r"[^\W\d_]", PLACEHOLDER.sub("", message))) >= 3:
            patterns.append(re.compile(_pattern(message)))
    return patterns


def unaccounted(spanish: list[str], data: set[str]) -> list[str]:
    """Runs of the Spanish page that are neither a Spanish message of the catalogs nor
    data (names, numbers, what was typed)."""
    patterns = _spanish_patterns()
    numbers = re.compile(r"[\d\s().+·:/-]+")
    return [
        run
        for run in spanish
        if run not in data
        and not numbers.fullmatch(run)
        and not any(pattern.fullmatch(run) for pattern in patterns)
    ]
