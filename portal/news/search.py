"""Site search over the folded `search_text` columns of every public record.

Each searchable kind contributes one SELECT (kind, id, score, date) and the kinds are joined
with UNION ALL, so ranking, counting and paging happen in the database: one query counts, one
fetches the page's keys, then one query per kind present on the page loads the rows. On SQLite
the score is computed with plain CASE/LIKE over the folded columns; on PostgreSQL the same score
is read from stored full-text vectors through their GIN indexes (portal.core.fulltext), where a
word matches whole."""

import contextlib
import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Case, CharField, DateTimeField, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.core import fulltext
from portal.core.cache import cached
from portal.core.pagination import COUNT_TIMEOUT, this_minute
from portal.core.text import fold

from .models import Article

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
TITLE_WEIGHT = 3
TEXT_WEIGHT = 1
PHRASE_BONUS_TITLE = 4
PHRASE_BONUS_TEXT = 2
# Rows without a date (a unit, a person) sort after dated ones of the same score.
NO_DATE = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class SearchKind:
    code: str
    label: Any
    queryset: Callable  # () -> public rows
    title_column: str | None  # folded title column; None: search_text is the title
    date: Any  # expression for the date, or None
    related: tuple = ()
    # Without a folded title column, is the search text a name (a unit, a person: every match
    # counts as a title match) or a longer text (a meeting: title, venue and summary)?
    text_is_title: bool = True


def terms_of(query: str) -> list[str]:
    """Folded, de-duplicated words of the query: 'Lạng  SƠN lang' -> ['lang', 'son']."""
    words = []
    for word in fold(query[:MAX_QUERY_LENGTH]).split(" "):
        word = word.strip(".,;:!?\"'()[]")
        if word and word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def _kinds() -> list[SearchKind]:
    kinds = [
        SearchKind("article", _("News"), Article.objects.published, "search_title",
                   F("published_at"), ("category",)),
    ]
    try:
        from clusters.models import Cluster, Person, Unit
    except ImportError:  # pragma: no cover - the clusters app is part of every build
        pass
    else:
        kinds += [
            SearchKind("cluster", _("Emulation cluster"), Cluster.objects.all, None, None),
            SearchKind("unit", _("Unit"), Unit.objects.internal, None, None),
            SearchKind("person", _("Person"), Person.objects.all, None, None),
        ]
    try:
        from meetings.models import Meeting
    except ImportError:
        pass
    else:
        kinds.append(SearchKind("meeting", _("Meeting"), Meeting.objects.published, None,
                                Cast("sort_date", DateTimeField()), ("cluster_year__cluster",), text_is_title=False))
    try:
        from documents.models import Document
    except ImportError:
        pass
    else:
        # "nghi dinh 152" finds the decree; the library's own label names the kind ("Văn bản").
        kinds.append(SearchKind("document", capfirst(Document._meta.verbose_name), Document.objects.published,
                                "search_title", Cast("sort_date", DateTimeField())))
    return kinds


def _score(terms: list[str], phrase: str, kind: SearchKind):
    """Per term: 3 if it is in the title, else 1 if in the text; plus a bonus for the whole phrase."""
    pairs = [(term, TITLE_WEIGHT, TEXT_WEIGHT) for term in terms]
    if len(terms) > 1:
        pairs.append((phrase, PHRASE_BONUS_TITLE, PHRASE_BONUS_TEXT))
    parts = []
    for text, title_weight, text_weight in pairs:
        if kind.title_column:
            whens = [When(**{f"{kind.title_column}__contains": text}, then=Value(title_weight)),
                     When(search_text__contains=text, then=Value(text_weight))]
        else:
            weight = title_weight if kind.text_is_title else text_weight
            whens = [When(search_text__contains=text, then=Value(weight))]
        parts.append(Case(*whens, default=Value(0), output_field=IntegerField()))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def ranked_keys(query: str):
    """(result_kind, result_id, score, rank_date) rows, best first, ready for a Paginator; None
    for an empty query."""
    terms = terms_of(query)
    if not terms:
        return None
    phrase = " ".join(terms)
    if connection.vendor == "postgresql":
        return _ranked_keys_fulltext(terms, phrase)
    any_term = Q()
    for term in terms:
        any_term |= Q(search_text__contains=term)
    parts = []
    for kind in _kinds():
        date = Coalesce(kind.date, Value(NO_DATE), output_field=DateTimeField()) if kind.date is not None \
            else Value(NO_DATE, output_field=DateTimeField())
        parts.append(
            kind.queryset().filter(any_term).order_by()
            .annotate(
                result_kind=Value(kind.code, output_field=CharField()),
                result_id=F("pk"),
                score=_score(terms, phrase, kind),
                rank_date=date,
            )
            .values_list("result_kind", "result_id", "score", "rank_date")
        )
    combined = parts[0].union(*parts[1:], all=True)
    ranked = combined.order_by("-score", "-rank_date", "result_kind", "-result_id")
    counted = [kind.queryset().filter(any_term).order_by().values_list("pk") for kind in _kinds()]
    return RankedKeys(ranked, counted[0].union(*counted[1:], all=True), key=tuple(terms))


def _ranked_keys_fulltext(terms: list[str], phrase: str) -> "RankedKeys":
    """The same ranking on PostgreSQL, read from the stored vectors (portal.core.fulltext)."""
    parts, counted = [], []
    for kind in _kinds():
        base = kind.queryset()
        vector = f'"{base.model._meta.db_table}"."{fulltext.COLUMN}"'
        title = f"ts_filter({vector}, '{{a}}')"
        word = "plainto_tsquery('simple'::regconfig, %s)"
        # only table names and the weights are written into the SQL; the words go as parameters
        matches = RawSQL(f"{vector} @@ ({' || '.join([word] * len(terms))})", list(terms),  # noqa: S611
                         output_field=BooleanField())
        cases, params = [], []
        pairs = [(word, term, TITLE_WEIGHT, TEXT_WEIGHT) for term in terms]
        if len(terms) > 1:
            pairs.append(("phraseto_tsquery('simple'::regconfig, %s)", phrase, PHRASE_BONUS_TITLE, PHRASE_BONUS_TEXT))
        for query, text, title_weight, text_weight in pairs:
            cases.append(f"CASE WHEN {title} @@ {query} THEN {title_weight} WHEN {vector} @@ {query} THEN "
                         f"{text_weight} ELSE 0 END")
            params += [text, text]
        date = Coalesce(kind.date, Value(NO_DATE), output_field=DateTimeField()) if kind.date is not None \
            else Value(NO_DATE, output_field=DateTimeField())
        found = base.filter(matches).order_by()
        parts.append(
            found.annotate(
                result_kind=Value(kind.code, output_field=CharField()),
                result_id=F("pk"),
                score=RawSQL(" + ".join(cases), params, output_field=IntegerField()),  # noqa: S611
                rank_date=date,
            ).values_list("result_kind", "result_id", "score", "rank_date")
        )
        counted.append(found.values_list("pk"))
    ranked = parts[0].union(*parts[1:], all=True).order_by("-score", "-rank_date", "result_kind", "-result_id")
    return RankedKeys(ranked, counted[0].union(*counted[1:], all=True), key=tuple(terms))


@contextlib.contextmanager
def planned():
    """Around the queries of one search on PostgreSQL: the planner prices a sequential scan of the
    articles below the GIN index when a tenth of them match, without counting that every
    vector it reads must be fetched from TOAST storage (47 ms against 6 at 20,000 articles).
    SET LOCAL keeps the hint to this transaction; SQLite has no planner settings to give."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


KEPT_KEYS = 200  # the first ten pages of results of a query are kept, like a list's count


class RankedKeys:
    """The ranked union for the paginator, counted without computing any score (the count
    only needs the filters, and scoring every matching row twice doubled the cost).

    Given a `key` (the query's folded words), the count and the first KEPT_KEYS ranked keys are
    kept until the records change (portal.core.cache), to the minute as list counts are: ranking
    scores every match, 2,500 articles for "biên giới" at a province's size (27 ms against 2 on
    the demo), and the same searches come back."""

    def __init__(self, ranked, counted, key=None):
        self.ranked, self.counted = ranked, counted
        self.key = None if key is None else (connection.vendor, key)

    def _kept(self, name, compute):
        if self.key is None:
            return compute()
        return cached(name, (self.key, this_minute()), compute, timeout=COUNT_TIMEOUT)

    def count(self) -> int:
        return self._kept("search-count", self.counted.count)

    def __getitem__(self, index):
        if isinstance(index, slice) and index.step is None and index.stop is not None and index.stop <= KEPT_KEYS:
            return self._kept("search-keys", lambda: [tuple(row) for row in self.ranked[:KEPT_KEYS]])[index]
        return self.ranked[index]

    def __iter__(self):
        return iter(self.ranked)

    def __len__(self):
        return self.count()


def load_results(keys) -> list[dict]:
    """The rows of one page, in rank order, ready for the template (one query per kind)."""
    kinds = {kind.code: kind for kind in _kinds()}
    wanted: dict[str, list[int]] = {}
    for code, pk, _score_value, _date in keys:
        wanted.setdefault(code, []).append(pk)
    rows = {}
    for code, pks in wanted.items():
        kind = kinds[code]
        queryset = kind.queryset().filter(pk__in=pks)
        if kind.related:
            queryset = queryset.select_related(*kind.related)
        rows[code] = {obj.pk: obj for obj in queryset}
    results = []
    for code, pk, score, _date in keys:
        obj = rows.get(code, {}).get(pk)
        if obj is not None:
            results.append({"kind": code, "label": kinds[code].label, "object": obj, "score": score})
    return results


def describe(result: dict, terms: list[str]) -> dict:
    """Title, address, date and a highlighted snippet of one result."""
    obj, kind = result["object"], result["kind"]
    if kind == "article":
        title, text, date = obj.title, " ".join([obj.summary, obj.body_text]), obj.published_at
    elif kind == "meeting":
        cluster = obj.cluster_year.cluster.name if obj.cluster_year_id else ""
        title, text, date = obj.display_title, " ".join([obj.summary, obj.venue, cluster]), obj.published_at
    elif kind == "cluster":
        title, text, date = obj.name, " ".join(obj.alias_list + [obj.description]), None
    elif kind == "document":
        title, text, date = obj.display_title, " ".join([obj.subject, obj.issuer_name, obj.summary]), None
    elif kind == "unit":
        title, text, date = obj.name, obj.short_name, None
    else:
        title, text, date = str(obj), "", None
    return {
        **result,
        "title_html": highlight(title, terms),
        "snippet_html": snippet(text, terms) if text.strip() else "",
        "url": obj.get_absolute_url(),
        "date": date,
        "is_sample": getattr(obj, "is_sample", False),
    }


# --- highlighting -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return " " if char.isspace() else fold(char)


def _folded_with_map(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, for each folded character, the index of the original one; None for
    the index when each character folds to exactly one (Vietnamese as typed, NFC): the positions
    are then the same, and a long article is not walked character by character in Python."""
    pieces = list(map(_fold_char, text))
    if all(len(piece) == 1 for piece in pieces):
        return "".join(pieces), None
    folded, index = [], []
    for position, char in enumerate(text):
        piece = _fold_char(char)
        for folded_char in piece:
            folded.append(folded_char)
            index.append(position)
    return "".join(folded), index


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    folded, index = _folded_with_map(text)
    spans = []
    for term in sorted(terms, key=len, reverse=True):
        for match in re.finditer(re.escape(term), folded):
            if index is None:
                spans.append((match.start(), match.end()))
            else:
                spans.append((index[match.start()], index[match.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str], spans=None) -> str:
    """The text, escaped, with each match of a term wrapped in <mark>."""
    spans = _match_spans(text, terms) if spans is None else spans
    out, cursor = [], 0
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text: str, terms: list[str], *, width: int = 240) -> str:
    """About `width` characters around the first match, with the matches marked."""
    text = re.sub(r"\s+", " ", text).strip()
    spans = _match_spans(text, terms)
    if not spans:
        cut = text[:width]
        return escape(cut + ("…" if len(text) > width else ""))
    first = spans[0][0]
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    window = text[start:end]
    inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(escape(prefix) + highlight(window, terms, inner) + escape(suffix))  # noqa: S308
