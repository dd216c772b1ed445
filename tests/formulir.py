"""Read the forms a page shows, as a browser would submit them: every input with its value,
checked checkboxes and radios only, each select's selected option (or its first), textareas
(without the newline that follows the opening tag), hidden inputs and the CSRF token,
formset management forms included; the first submit button counts as the one clicked."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED_INPUTS = {"button", "reset", "image"}


@dataclass
class Formulir:
    method: str
    action: str
    enctype: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    submit: tuple[str, str] | None = None
    has_file: bool = False
    #: name -> input type ("text", "date", "hidden", …, "textarea", "select")
    kinds: dict[str, str] = field(default_factory=dict)

    def data(self) -> dict[str, str | list[str]]:
        """POST data for the test Client: repeated names become lists."""
        out: dict[str, list[str]] = {}
        pairs = [*self.fields, *([self.submit] if self.submit and self.submit[0] else [])]
        for name, value in pairs:
            out.setdefault(name, []).append(value)
        return {k: v[0] if len(v) == 1 else v for k, v in out.items()}

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def first_text(self) -> str:
        """The first field a person types into (a text input or a textarea)."""
        return next(n for n, _ in self.fields if self.kinds.get(n) in ("text", "textarea"))


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Formulir] = []
        self.form: Formulir | None = None
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = Formulir((a.get("method") or "get").lower(), a.get("action", ""), a.get("enctype", "").lower())
            self.forms.append(self.form)
            return
        if self.form is None or "disabled" in a:
            if tag == "select" and self.form is not None:
                self.select = {"name": None, "options": [], "multiple": False}
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            name = a.get("name")
            if kind == "file":
                self.form.has_file = True
            if not name or kind in SKIPPED_INPUTS or kind == "file":
                return
            if kind == "submit":
                if self.form.submit is None:
                    self.form.submit = (name, a.get("value", ""))
                return
            self.form.kinds[name] = kind
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append((name, a.get("value", "on")))
                return
            self.form.fields.append((name, a.get("value", "")))
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit" and self.form.submit is None:
                self.form.submit = (a.get("name", ""), a.get("value", ""))
        elif tag == "select":
            self.select = {"name": a.get("name"), "options": [], "multiple": "multiple" in a}
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self.select["options"].append(self.option)
        elif tag == "textarea":
            self.textarea = {"name": a.get("name"), "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            s, self.select, self.option = self.select, None, None
            if self.form is None or not s["name"]:
                return
            values = [o["value"] if o["value"] is not None else o["text"].strip() for o in s["options"]]
            chosen = [v for o, v in zip(s["options"], values, strict=True) if o["selected"]]
            if not chosen and not s["multiple"] and values:
                chosen = values[:1]
            self.form.fields.extend((s["name"], v) for v in chosen)
            self.form.kinds[s["name"]] = "select"
        elif tag == "textarea" and self.textarea is not None:
            t, self.textarea = self.textarea, None
            text = t["text"]
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            if self.form is not None and t["name"]:
                self.form.fields.append((t["name"], text))
                self.form.kinds[t["name"]] = "textarea"
        elif tag == "form":
            self.form = None


def forms_in(html: str) -> list[Formulir]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def edit_form(html: str, path: str) -> Formulir:
    """The page's form that posts back to `path` (when several do, the largest one that
    uploads no file)."""
    candidates = [f for f in forms_in(html) if f.method == "post" and f.action in ("", path)]
    assert candidates, f"{path}: the page shows no form posting to itself"
    return max(candidates, key=lambda f: (not f.has_file, len(f.fields)))
