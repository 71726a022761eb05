"""What a browser would send back: the values of a form as a page renders it."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        if self.forms:
            self.forms[-1].setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = {k: (v if v is not None else "") for k, v in attrs}
        name = attr.get("name")
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and name:
            kind = attr.get("type", "text")
            if kind in ("submit", "button", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self._add(name, attr.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((attr.get("value", ""), "selected" in attr))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if chosen or self._options:
                self._add(self._select, (chosen or [self._options[0][0]])[0])
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def form_values(html: str, field: str) -> dict[str, list[str]]:
    """The values the form holding `field` (one that has a value) would submit
    unchanged: checked boxes only, each select's chosen option, every text as shown."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if field in form:
            return form
    raise AssertionError(f"no form on the page has a value for {field!r}")
