"""Every word a template shows staff is marked for translation (issue 23).

A center adds a catalog for its staff's language and every page follows: no sentence may be
left behind as bare text. The checker lexes each template with Django's own Lexer, so it sees
exactly what the template engine sees, and reads what is left with the standard HTML parser:

- text between tags that holds a letter, outside {% translate %} / {% blocktranslate %},
  {% comment %} and <script>/<style>;
- the attributes people read or hear (title, aria-label, placeholder, alt, and the value of a
  button-like <input>) when they hold a letter;
- a string with a letter given to people through a template tag's argument: the text of
  `|default:"..."`, `|default_if_none:"..."`, `|yesno:"..."` and `{% include ... with x="..." %}`
  (write `_("...")` there, or `{% translate "..." as x %}` first).

Template tags and variables count as no text (a variable's value is data or already
translated where it is made). One test per templates directory, so a failure names the
directory whose templates are left.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent

# Data, not words: these templates render records or codes, never sentences to translate.
DATA_TEMPLATES: set[str] = set()  # templates of data, not words (none at present)

# Text that holds a letter yet is the same in every language.
ALLOWED_TEXT = {
    ".csv",  # intake/import.html: a file name's extension after the name
    "info",  # base.html: a message's CSS class when it has no tag (`|default:'info'`)
}

READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
BUTTON_INPUTS = {"submit", "button", "reset"}
MASK = "\x00"  # stands for a tag or variable: no letter, and never in a template
LETTER = re.compile(r"[^\W\d_]")
# A tag argument people read: `default:"..."`, `yesno:"..."`, `with name="..."`.
SHOWN_LITERAL = re.compile(
    r"""\|(?:default|default_if_none|yesno):(?P<q1>["'])(?P<filter>.*?)(?P=q1)"""
    r"""|\b(?P<name>\w+)=(?P<q2>["'])(?P<kwarg>.*?)(?P=q2)"""
)


def template_roots() -> list[Path]:
    """The project's templates folder and any app's own templates folder."""
    roots = [ROOT / "templates"]
    roots += sorted(
        path
        for path in ROOT.glob("*/templates")
        if path.is_dir() and path.parent.name not in {"node_modules", "templates"}
    )
    return [root for root in roots if root.is_dir()]


def directories() -> list[tuple[Path, str]]:
    """(templates root, subdirectory) pairs; "." holds the root's own top-level files."""
    found = []
    for root in template_roots():
        found.append((root, "."))
        found += [(root, path.name) for path in sorted(root.iterdir()) if path.is_dir()]
    return found


def templates_in(root: Path, directory: str) -> list[Path]:
    if directory == ".":
        return sorted(path for path in root.iterdir() if path.is_file())
    return sorted(path for path in (root / directory).rglob("*") if path.is_file())


class UntranslatedText(HTMLParser):
    """Collects (line, text) for words shown outside a translation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.raw_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if tag in {"script", "style"}:
            self.raw_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self.raw_depth:
            self.raw_depth -= 1

    def handle_data(self, data: str) -> None:
        first_letter = LETTER.search(data)
        if self.raw_depth or not first_letter:
            return
        if " ".join(data.replace(MASK, " ").split()) in ALLOWED_TEXT:
            return
        text = " ".join(data.replace(MASK, " {…} ").split())
        line = self.getpos()[0] + data[: first_letter.start()].count("\n")
        self.found.append((line, text))

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        read = set(READ_ATTRIBUTES)
        if tag == "input" and (dict(attrs).get("type") or "").lower() in BUTTON_INPUTS:
            read.add("value")
        for name, value in attrs:
            if name in read and value and LETTER.search(value) and value not in ALLOWED_TEXT:
                shown = value.replace(MASK, "{…}")
                self.found.append((self.getpos()[0], f'{name}="{shown}"'))


def tag_name(token) -> str:
    return token.contents.split(maxsplit=1)[0] if token.contents.strip() else ""


def shown_literals(token) -> list[str]:
    """Strings with a letter that a tag or variable passes on for people to read."""
    shown = []
    contents = token.contents
    is_include = token.token_type == TokenType.BLOCK and tag_name(token) == "include"
    for match in SHOWN_LITERAL.finditer(contents):
        start = match.start()
        if contents[max(0, start - 2) : start] == "_(":
            continue
        text = match.group("filter")
        if text is None:
            if not is_include or " with " not in contents[:start]:
                continue
            text = match.group("kwarg")
        if LETTER.search(text) and text not in ALLOWED_TEXT:
            shown.append(text)
    return shown


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) for every word the template shows staff outside a translation."""
    masked = []  # the source with tags, variables and translated text blanked out
    found = []
    inside = None  # the end tag we wait for: "endcomment" or "endblocktranslate"
    for token in Lexer(source).tokenize():
        raw = source_of(token)
        name = tag_name(token) if token.token_type == TokenType.BLOCK else ""
        if inside:
            if name in inside:
                inside = None
        elif name == "comment":
            inside = ("endcomment",)
        elif name in ("blocktranslate", "blocktrans"):
            inside = ("endblocktranslate", "endblocktrans")
        elif token.token_type == TokenType.TEXT:
            masked.append(raw)
            continue
        elif token.token_type in (TokenType.VAR, TokenType.BLOCK):
            found += [(token.lineno, text) for text in shown_literals(token)]
        # A placeholder with no letter that keeps the line count.
        # Spaces around it keep `<tr{% if x %} class="y"{% endif %}>` a tag.
        masked.append(f" {MASK} " + "\n" * raw.count("\n"))
    parser = UntranslatedText()
    parser.feed("".join(masked))
    parser.close()
    return sorted(found + parser.found)


def source_of(token) -> str:
    """The token as written, so line numbers stay true."""
    if token.token_type == TokenType.TEXT:
        return token.contents
    opening = {TokenType.VAR: "{{", TokenType.BLOCK: "{%", TokenType.COMMENT: "{#"}
    closing = {TokenType.VAR: "}}", TokenType.BLOCK: "%}", TokenType.COMMENT: "#}"}
    return f"{opening[token.token_type]} {token.contents} {closing[token.token_type]}"


def params():
    for root, directory in directories():
        label = f"{root.relative_to(ROOT)}/{directory}".replace("/.", "")
        yield pytest.param(root, directory, id=label)


@pytest.mark.parametrize(("root", "directory"), list(params()))
def test_every_shown_word_is_marked_for_translation(root: Path, directory: str) -> None:
    failures = []
    for path in templates_in(root, directory):
        name = path.relative_to(root).as_posix()
        if name in DATA_TEMPLATES:
            continue
        for line, text in untranslated(path.read_text(encoding="utf-8")):
            failures.append(f"{root.name}/{name}:{line}: {text}")
    assert not failures, "Not marked for translation:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hello</p>", [(1, "Hello")]),
        ('<tr{% if x %} class="table-warning"{% endif %}><td>{{ x }}</td></tr>', []),
        ('{% load i18n %}<p>{% translate "Hello" %}</p>', []),
        ("{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}", []),
        ("{% comment %}A note{% endcomment %}<p>·</p>", []),
        ("{# a note #}\n<script>let a = 1;</script><style>p{color:red}</style>", []),
        ('<nav aria-label="Pages">\n</nav>', [(1, 'aria-label="Pages"')]),
        ('<a title="{% translate "Help" %}" href="/x">{{ x }}</a>', []),
        ('<input type="submit" value="Save">', [(1, 'value="Save"')]),
        ('<input type="hidden" name="step" value="confirm">', []),
        ("<p>{{ x }}\n\n  Words</p>", [(3, "{…} Words")]),
        ('{{ x|default:"—" }}{{ y|date:"M j" }}', []),
        ('{{ x|default:"none" }}', [(1, "none")]),
        ('{{ x|default:_("none") }}', []),
        ('{% include "includes/a.html" with label="Pages" %}', [(1, "Pages")]),
        ('{% include "includes/a.html" with label=_("Pages") %}', []),
    ],
)
def test_the_checker_finds_what_is_shown(source: str, expected: list) -> None:
    assert untranslated(source) == expected
