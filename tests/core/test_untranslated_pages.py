"""No English and no raw code on the staff's and the officers' screens in Vietnamese mode.

The demo is crawled with the test client, GET only: as a superuser every admin changelist, add
form and one change form of each registered model; as provincial staff (so.noivu) and as unit
officers (vanlang, locbinh) every back-office and admin page reachable from where they land.
On each page the visible text (text nodes and the attributes people read: title, placeholder,
aria-label, alt, the value of a submit button; never script or style) is searched for

- the English msgid of any entry of the project's catalogs and of Django's admin, auth and core
  catalogs, unless a catalog deliberately gives it unchanged in Vietnamese: an untranslated
  string, a string not marked for translation, or one rendered in the wrong language. Only
  phrases of two words or twelve characters are looked for (a lone "Email" or "PDF" is the same
  in Vietnamese), matched word-bounded, placeholders standing for any text;
- a model's choice value that has an underscore (`mid_year_review`), or two choice values joined
  by an arrow (`draft → submitted`): a code shown where its label belongs.

Nothing is excluded silently: every finding is printed with the page it was seen on and the
test fails until it is fixed where the string is made.
"""

import bisect
import contextlib
import html
import io
import itertools
import re
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import django
import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.urls import NoReverseMatch, reverse

from portal.core.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "thidua2017"  # the demo accounts' password (backoffice/demo.py)
LIMIT = 300  # pages per crawl
PER_SHAPE = 2  # pages per address shape (/admin/meetings/meeting/<n>/change/): one object of a kind is enough
SKIP = re.compile(
    r"(dang-xuat|/logout/|/delete/|/static/|/media/|/tep/|/jsi18n/|/autocomplete/|"
    r"/r/\d+/|\.(css|js|png|jpe?g|gif|webp|svg|ico|ics|xml|pdf|docx?|xlsx?|csv|zip|txt)$)"
)
# what the admin carries from page to page (the list's filters, facets): the same page to read
CARRIED_PARAMETERS = {"_changelist_filters", "_facets", "_popup", "_to_field"}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "aria-roledescription"}
BUTTON_TYPES = {"submit", "button", "reset"}
# The only text not read, named here and printed with every report: an admin column of a
# record's own `code` (Award.code "certificate_of_commendation" is an identifier staff use when
# importing lists, data rather than a label, though it spells like a category's choice value).
IDENTIFIER_CELLS = {"field-code"}
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[^{}]*\}")


# --- what is looked for ----------------------------------------------------------------------

def catalog_paths() -> list[Path]:
    base = Path(settings.BASE_DIR)
    project = [p for p in base.glob("*/locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts]
    project += list(base.glob("*/*/locale/vi/LC_MESSAGES/django.po"))
    project += [base / "locale" / "vi" / "LC_MESSAGES" / "django.po",
                base / "locale_django" / "vi" / "LC_MESSAGES" / "django.po"]
    framework = Path(django.__file__).parent
    stock = [framework / "contrib" / "admin" / "locale" / "vi" / "LC_MESSAGES" / "django.po",
             framework / "contrib" / "auth" / "locale" / "vi" / "LC_MESSAGES" / "django.po",
             framework / "conf" / "locale" / "vi" / "LC_MESSAGES" / "django.po"]
    return sorted({p for p in project + stock if p.exists()})


class Phrase:
    """An English msgid as a word-bounded pattern; its placeholders stand for any text."""

    def __init__(self, msgid: str, source: str):
        self.msgid, self.source = msgid, source
        parts = [part.strip() for part in PLACEHOLDER.split(msgid)]
        literal = " ".join(part for part in parts if part)
        self.literal = literal
        words = re.findall(r"\w+", literal)
        self.key = max(words, key=len) if words else ""
        # texts are whitespace-normalised; a placeholder is any text within one text node
        body = r"[^\n]+?".join(" ".join(map(re.escape, part.split())) for part in parts if part)
        self.pattern = re.compile(r"(?<!\w)" + body + r"(?!\w)")

    @property
    def worth_looking_for(self) -> bool:
        if "<" in self.msgid or not self.key:  # markup is split over several text nodes
            return False
        return len(self.literal.split()) >= 2 or len(self.literal) >= 12


@cache
def phrases() -> tuple[Phrase, ...]:
    same_in_vietnamese, found = set(), {}
    for path in catalog_paths():
        with path.open("rb") as f:
            catalog = read_po(f)
        source = str(path.relative_to(settings.BASE_DIR)) if settings.BASE_DIR in path.parents else path.name
        if "site-packages" in path.parts:
            source = "django/" + "/".join(path.parts[path.parts.index("django") + 1:])
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for msgid in ids:
                if msgid in strings or any(msgid in s for s in strings if s):
                    same_in_vietnamese.add(msgid)  # deliberately the same (or contained) in Vietnamese
                found.setdefault(msgid, source)
    result = [Phrase(msgid, source) for msgid, source in found.items() if msgid not in same_in_vietnamese]
    return tuple(p for p in result if p.worth_looking_for)


@cache
def phrases_by_key() -> dict[str, list[Phrase]]:
    index = defaultdict(list)
    for phrase in phrases():
        index[phrase.key].append(phrase)
    return index


def all_choices() -> set[type[models.Choices]]:
    seen, todo = set(), [models.Choices]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


@cache
def choice_codes() -> tuple[frozenset[str], frozenset[str]]:
    """(every string choice value, those with an underscore) of the models and the Choices classes."""
    values = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str):
                    values.add(value)
    for cls in all_choices():
        values.update(v for v in cls.values if isinstance(v, str))
    values = {v for v in values if re.fullmatch(r"[a-z][a-z0-9_]*", v)}
    return frozenset(values), frozenset(v for v in values if "_" in v)


# --- what is visible --------------------------------------------------------------------------

class VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.hidden = 0
        self.identifier = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag == "td":
            self.identifier = bool(IDENTIFIER_CELLS & set((attrs.get("class") or "").split()))
        for name, value in attrs.items():
            if value and (name in VISIBLE_ATTRIBUTES or name.startswith("data-label")):
                self.texts.append(value)
        if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in ("td", "tr"):
            self.identifier = False

    def handle_data(self, data):
        if not self.hidden and not self.identifier:
            text = " ".join(data.split())
            if text:
                self.texts.append(text)


def visible_texts(body: str) -> list[str]:
    parser = VisibleText()
    parser.feed(body)
    parser.close()
    return parser.texts


SEPARATOR = "\n"
# Django stores its default permission names in English ("Can add award class") and they have no
# msgid: one finding for all of them, and the model names inside them are not counted again.
PERMISSION = re.compile(r"(?<!\w)Can (?:add|change|delete|view) [^\n|]+")
ARROW = re.compile(r"(?<![\w-])([a-z][a-z0-9_]*) ?(?:→|->) ?([a-z][a-z0-9_]*)(?![\w-])")


def findings_on(body: str) -> list[tuple[str, str, str]]:
    """(kind, what, the text it was seen in) for each English phrase or raw code on a page."""
    texts = [text for text in visible_texts(body) if not text.isdigit()]
    joined = SEPARATOR.join(texts)  # one search per phrase and page; no match crosses a separator
    starts = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))

    def text_at(position: int) -> str:
        return texts[bisect.bisect_right(starts, position) - 1]

    by_key = phrases_by_key()
    values, underscored = choice_codes()
    found = []
    permissions = [match.span() for match in PERMISSION.finditer(joined)]
    for start, _end in permissions:
        found.append(("english", "Django's default permission names ('Can add …')", text_at(start)))
    for key in set(re.findall(r"\w+", joined)) & by_key.keys():
        for phrase in by_key[key]:
            for match in phrase.pattern.finditer(joined):
                if any(start <= match.start() < end for start, end in permissions):
                    continue
                found.append(("english", f"{phrase.msgid!r} ({phrase.source})", text_at(match.start())))
    for code in underscored:
        if code in joined:
            for match in re.finditer(r"(?<![\w./-])" + re.escape(code) + r"(?![\w/-])", joined):
                found.append(("code", code, text_at(match.start())))
    for match in ARROW.finditer(joined):
        if match[1] in values and match[2] in values:
            found.append(("code", f"{match[1]} → {match[2]}", text_at(match.start())))
    return found


# --- the crawl --------------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.seen: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
        self.pages = 0

    def check(self, who: str, url: str, body: str):
        self.pages += 1
        for kind, what, text in findings_on(body):
            self.seen[(kind, what)].append((who, url, text))

    def text(self) -> str:
        lines = [f"{len(self.seen)} untranslated strings or raw codes on {self.pages} pages"
                 f" (identifier cells not read: {', '.join(sorted(IDENTIFIER_CELLS))}):"]
        for (kind, what), where in sorted(self.seen.items()):
            who, url, text = where[0]
            more = f" (+{len(where) - 1} more)" if len(where) > 1 else ""
            lines.append(f"  [{kind}] {what}\n      as {who} on {url}{more}: …{text[:160]}…")
        return "\n".join(lines)


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # the demo command refuses to run otherwise
    call_command("demo", stdout=io.StringIO())
    settings.DEBUG = False


def vietnamese_client(client, username):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    client.force_login(User.objects.get(username=username))
    return client


def shape(path: str, query: str) -> str:
    """/admin/meetings/meeting/12/change/ and …/13/change/ are one shape; so are a list and its
    filtered or sorted variants (?year=…, ?o=…), beyond the plain list."""
    return re.sub(r"/\d+(?=/)", "/<n>", path) + ("?" if query else "")


def crawl(client, who: str, starts: list[str], report: Report, within=("/can-bo/", "/admin/")) -> set[str]:
    seen, shapes, queue = set(), defaultdict(int), list(starts)
    while queue:
        if len(seen) >= LIMIT:
            left = {url for url in queue if url not in seen and shapes[shape(*url.partition("?")[::2])] < PER_SHAPE}
            print(f"{who}: the crawl stopped at {LIMIT} pages; {len(left)} addresses left, e.g. {sorted(left)[:5]}")
            break
        url = queue.pop(0)
        path, _, query = url.partition("?")
        if url in seen or shapes[shape(path, query)] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape(path, query)] += 1
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        body = response.content.decode()
        report.check(who, url, body)
        for href in re.findall(r'href="([^"#]+)', body):
            target = urlsplit(urljoin(url, html.unescape(href)))
            if target.netloc in ("", "testserver") and target.path.startswith(within) and not SKIP.search(target.path):
                query = urlencode([pair for pair in parse_qsl(target.query) if pair[0] not in CARRIED_PARAMETERS])
                queue.append(target.path + (f"?{query}" if query else ""))
    return seen


def fail_on(report: Report):
    print(report.text())
    assert not report.seen, report.text()


# --- the rules --------------------------------------------------------------------------------

def test_the_detector_sees_english_and_codes_but_not_vietnamese():
    page = ("<p>Please correct the errors below.</p><td>draft → submitted</td><td>mid_year_review</td>"
            "<option>Khen thưởng | hạng | Can add award class</option>"
            '<input type="submit" value="Save and add another">'
            '<script>var x = "Please correct the error below.";</script>'
            "<p>Vui lòng sửa các lỗi bên dưới.</p><a href='/x/mid_year_review/'>Sơ kết 6 tháng</a>")
    found = {(kind, what.split(" (")[0]) for kind, what, _text in findings_on(page)}
    assert found == {("english", "'Please correct the errors below.'"), ("code", "draft → submitted"),
                     ("code", "mid_year_review"), ("english", "'Save and add another'"),
                     ("english", "Django's default permission names")}


def test_every_admin_list_add_and_change_form_is_vietnamese(demo, client):
    User.objects.create_superuser("quan.tri", "quantri@example.invalid", PASSWORD)
    vietnamese_client(client, "quan.tri")
    report, missing = Report(), []
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        urls = []
        for name in ("changelist", "add"):
            with contextlib.suppress(NoReverseMatch):  # a model admin may hide its add form
                urls.append(reverse(f"admin:{info[0]}_{info[1]}_{name}"))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]))
        else:
            missing.append(f"{info[0]}.{info[1]}")
        for url in urls:
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                report.check("superuser", url, response.content.decode())
    crawl(client, "superuser", ["/admin/"], report, within=("/admin/",))
    if missing:
        print("no demo row to open the change form of:", ", ".join(sorted(missing)))
    fail_on(report)


def test_admin_forms_refused_for_errors_are_vietnamese(demo, client):
    """An empty add form is refused: the banner, the field errors and the duplicate messages are
    Vietnamese ("Please correct the errors below." was seen in English). Nothing is saved."""
    User.objects.create_superuser("quan.tri", "quantri@example.invalid", PASSWORD)
    vietnamese_client(client, "quan.tri")
    report = Report()
    for model in admin.site._registry:
        with contextlib.suppress(NoReverseMatch):
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
            response = client.post(url, {})
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                report.check("superuser", f"POST {url}", response.content.decode())
    fail_on(report)


def test_the_reviewers_back_office_and_admin_are_vietnamese(demo, client):
    vietnamese_client(client, "so.noivu")
    report = Report()
    seen = crawl(client, "so.noivu", ["/can-bo/", "/admin/"], report)
    assert any(url.startswith("/can-bo/") for url in seen) and any(url.startswith("/admin/") for url in seen)
    fail_on(report)


@pytest.mark.parametrize("officer", ["vanlang", "locbinh"])
def test_the_officers_back_office_is_vietnamese(demo, client, officer):
    vietnamese_client(client, officer)
    report = Report()
    seen = crawl(client, officer, ["/can-bo/"], report)
    assert len([url for url in seen if url.startswith("/can-bo/")]) > 3
    fail_on(report)
