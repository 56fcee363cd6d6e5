"""A strict reading of a page's HTML, for the tests of public pages (there is no validator in the
test run; the W3C checker is run by hand, see /work/shared/judges): one doctype, every element
closed in order, ids unique, and every label and aria reference pointing at an existing id."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.open: list[str] = []
        self.ids: set[str] = set()
        self.references: list[tuple[str, str]] = []
        self.doctype = False
        self.forms = 0

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        names = [name for name, _value in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"<{tag}> repeats an attribute: {names}")
        values = dict(attrs)
        if ident := values.get("id"):
            if ident in self.ids:
                self.problems.append(f"id {ident!r} used twice")
            self.ids.add(ident)
        if tag == "label" and values.get("for"):
            self.references.append(("label for", values["for"]))
        for attribute in ("aria-describedby", "aria-labelledby"):
            for ident in (values.get(attribute) or "").split():
                self.references.append((attribute, ident))
        if tag == "form":
            if self.forms:
                self.problems.append("a form inside a form")
            self.forms += 1
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.problems.append(f"<{tag}/> is not a void element")
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> while <{self.open[-1] if self.open else '-'}> is open")
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
            return
        self.open.pop()
        if tag == "form":
            self.forms -= 1


def html_problems(page: str) -> list[str]:
    parser = _Strict()
    parser.feed(page)
    parser.close()
    problems = list(parser.problems)
    if not parser.doctype:
        problems.append("no <!DOCTYPE html>")
    if parser.open:
        problems.append(f"left open: {parser.open}")
    problems += [f"{kind} {ident!r} points at no element" for kind, ident in parser.references
                 if ident not in parser.ids]
    return problems
