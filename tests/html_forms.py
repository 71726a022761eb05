"""The forms of a page as a browser sees them, and what the browser would post.

Tests that post a form read it from the page first, so whatever the page renders
(hidden inputs included: the edit version, a one-time token) is posted back as a
browser would post it.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Control:
    name: str
    tag: str  # input, select or textarea
    type: str = ""  # the input's type; "select-multiple" for a multiple select
    value: str = ""  # what the page shows (an input's value, a textarea's text)
    checked: bool = False
    options: list[str] = field(default_factory=list)  # a select's option values
    selected: list[str] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)


@dataclass
class HtmlForm:
    method: str
    action: str | None
    attrs: dict
    controls: list[Control] = field(default_factory=list)

    def names(self) -> set[str]:
        return {c.name for c in self.controls}

    def data(self) -> dict[str, str | list[str]]:
        """What a browser posts when nothing is changed: every text field (empty or
        not), checked boxes and radios, selected options; no file, no button."""
        data: dict[str, list[str]] = {}
        for c in self.controls:
            if c.type in ("submit", "button", "reset", "image", "file"):
                continue
            if c.type in ("checkbox", "radio"):
                if c.checked:
                    data.setdefault(c.name, []).append(c.value or "on")
            elif c.tag == "select":
                chosen = c.selected or (c.options[:1] if c.type == "select-one" else [])
                data.setdefault(c.name, []).extend(chosen)
            else:
                data.setdefault(c.name, []).append(c.value)
        return {k: v[0] if len(v) == 1 else v for k, v in data.items()}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: Control | None = None
        self._option: dict | None = None
        self._textarea: Control | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("method", "get").lower(), a.get("action"), a)
            self.forms.append(self._form)
        elif self._form is None or "name" not in a and tag != "option":
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            control = Control(a["name"], tag, kind, a.get("value", ""), "checked" in a, attrs=a)
            self._form.controls.append(control)
        elif tag == "select":
            kind = "select-multiple" if "multiple" in a else "select-one"
            self._select = Control(a["name"], tag, kind, attrs=a)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = a
            self._option_text = ""
        elif tag == "textarea":
            self._textarea = Control(a["name"], tag, "textarea", attrs=a)
            self._form.controls.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser drops the one newline that may follow <textarea>.
            value = self._textarea.value
            self._textarea.value = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", self._option_text.strip())
            self._select.options.append(value)
            if "selected" in self._option:
                self._select.selected.append(value)
            self._option = None


def page_forms(html: str) -> list[HtmlForm]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def post_forms(html: str) -> list[HtmlForm]:
    return [f for f in page_forms(html) if f.method == "post"]


def only_post_form(response) -> HtmlForm:
    """The page's one form that saves (the sign-out form in the top bar aside)."""
    forms = [f for f in post_forms(response.content.decode()) if "logout" not in (f.action or "")]
    assert len(forms) == 1, [f.action for f in forms]
    return forms[0]
