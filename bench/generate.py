#!/usr/bin/env python
"""Bulk data generator: `bench/generate.py --scale N` adds N × (10 clusters of 5 units over 10
years, with their meetings, 200 news articles and 40 decisions of 250 lines) to the database
named by DATABASE_URL, on top of whatever is there (run the demo first for the seed pages).

`--scale 100` makes 5,000 units, 1,000 clusters, 20,000 meetings, 20,000 articles, 4,000
decisions and 1,000,000 decision lines. Rows go in with bulk_create in large batches, inside
one transaction per table; every derived column (slugs unique among existing rows, folded search
text, sort_date/url_year, the copies kept for constraints, published_at) is computed here with
the same helpers the models' save() uses, so the pages see what the portal itself would write.
Everything is marked is_sample. A progress bar goes to stderr."""

import argparse
import datetime
import io
import os
import random
import sys
import time
import zoneinfo
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.translation import override  # noqa: E402

from awards.models import (  # noqa: E402
    Award,
    BaseSalary,
    Decision,
    DecisionLine,
    IssuerRole,
    PersonCategory,
    SubjectType,
)
from awards.statistics.rollup import statistics_rollup_rebuild  # noqa: E402
from clusters.models import (  # noqa: E402
    AdministrativeLevel,
    Cluster,
    ClusterMember,
    ClusterYear,
    Person,
    Role,
    SelectionMethod,
    Unit,
)
from meetings.models import (  # noqa: E402
    Attendance,
    AttendanceRole,
    EventStatus,
    Meeting,
    MeetingKind,
    Period,
    RecordState,
)
from portal.core.dbstats import refresh_planner_statistics  # noqa: E402
from portal.core.text import fold, vn_slugify  # noqa: E402
from portal.news.models import Article, ArticleStatus, Category  # noqa: E402
from portal.news.sanitize import clean_html, html_to_text  # noqa: E402

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lương", "Nông", "Đinh", "Đoàn"]
MIDDLE = ["Văn", "Thị", "Đình", "Thu", "Minh", "Quang", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoài", "Hương", "Lan", "Long", "Sơn", "Trường", "Tuấn", "Yến"]
PLACES = ["Lộc Bình", "Đình Lập", "Cao Lộc", "Văn Lãng", "Tràng Định", "Bắc Sơn", "Hữu Lũng", "Chi Lăng"]
TOPICS = ["biên giới", "xây dựng nông thôn mới", "cải cách hành chính", "chuyển đổi số", "giảm nghèo bền vững",
          "an ninh trật tự", "phát triển kinh tế", "giáo dục và đào tạo"]
YEARS = range(2015, 2025)

# per unit of scale
CLUSTERS, UNITS_PER_CLUSTER, PEOPLE_PER_CLUSTER = 10, 5, 5
ARTICLES, DECISIONS, LINES_PER_DECISION = 200, 40, 250
BATCH = 2000
# a row through bulk_create costs about five plain-tuple line rows: the bar counts in line rows
MODEL_ROW = 5


class Progress:
    """A text bar on stderr: redrawn in place on a terminal, a line every tenth otherwise."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 30):
        self.total, self.done, self.stream, self.width = max(total, 1), 0, stream, width
        self.tty = stream.isatty()
        self.start = time.monotonic()
        self.label = ""
        self.last_tenth = -1

    def phase(self, label: str) -> None:
        self.label = label
        self.draw()

    def advance(self, n: int) -> None:
        self.done += n
        self.draw()

    def draw(self, final: bool = False) -> None:
        share = min(self.done / self.total, 1.0)
        elapsed = time.monotonic() - self.start
        eta = elapsed / share - elapsed if share > 0.01 else 0
        filled = int(share * self.width)
        text = (f"[{'#' * filled}{'.' * (self.width - filled)}] {share * 100:5.1f}% "
                f"{elapsed:6.1f}s eta {eta:5.0f}s  {self.label:<22}")
        if self.tty:
            self.stream.write("\r" + text + ("\n" if final else ""))
            self.stream.flush()
        elif final or int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.stream.write(text.rstrip() + "\n")
            self.stream.flush()

    def close(self) -> None:
        self.done = self.total
        self.label = "done"
        self.draw(final=True)


class Slugs:
    """portal.core.text.unique_slug over an in-memory set of the slugs already taken: the same
    slug a one-by-one save would get ('ten', then 'ten-2', 'ten-3'…), without a query per row."""

    def __init__(self, model, max_length: int = 200):
        self.max_length = max_length
        self.taken = set(model._default_manager.values_list("slug", flat=True))

    def make(self, text: str) -> str:
        base = vn_slugify(text, max_length=self.max_length - 6) or "muc"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def bulk(model, rows: list, progress: Progress, label: str) -> list:
    """bulk_create in batches inside one transaction; returns the rows with their primary keys."""
    progress.phase(label)
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            chunk = rows[start:start + BATCH]
            model.objects.bulk_create(chunk, batch_size=BATCH)
            progress.advance(len(chunk) * MODEL_ROW)
    return rows


class RowInserter:
    """Plain-tuple inserts for the one table too large for bulk_create: every concrete column
    but the key, its default (or the auto_now time) prepared for the database once, the values
    given per row already in their stored form (ints, strings, booleans, None)."""

    def __init__(self, model, now):
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.template = {}
        for field in self.fields:
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            value = now if auto else field.get_default()
            self.template[field.attname] = field.get_db_prep_save(value, connection)
        self.by_attname = {f.attname: f for f in self.fields}
        self.attnames = list(self.template)
        self.table = model._meta.db_table
        self.columns = [f.column for f in self.fields]
        self.prepared = {}

    def prep(self, attname, value):
        """A value that needs the field's own conversion (a Decimal), converted once per value."""
        key = (attname, value)
        if key not in self.prepared:
            self.prepared[key] = self.by_attname[attname].get_db_prep_save(value, connection)
        return self.prepared[key]

    def cash(self, multiplier, salary) -> dict:
        if multiplier is None or not salary:
            return {}
        return {"cash_multiplier": self.prep("cash_multiplier", multiplier), "base_salary": salary,
                "cash_amount": int(multiplier * salary)}

    def row(self, **values) -> tuple:
        unknown = values.keys() - self.template.keys()
        if unknown:
            raise KeyError(f"{self.table} has no column for {sorted(unknown)}")
        merged = {**self.template, **values}
        return tuple(merged[a] for a in self.attnames)

    def write(self, rows: list[tuple]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        table = connection.ops.quote_name(self.table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {table} ({quoted}) FROM STDIN"
                raw = cursor.cursor
                if hasattr(raw, "copy"):  # psycopg 3
                    with raw.copy(sql) as copy:
                        for row in rows:
                            copy.write_row(row)
                else:  # psycopg2: COPY's text format
                    buffer = io.StringIO("".join("\t".join(map(copy_text, row)) + "\n" for row in rows))
                    raw.copy_expert(sql, buffer)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 - names from the model
                cursor.executemany(sql, rows)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value) -> str:
    """One value in PostgreSQL COPY's text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def article_bodies(rnd: random.Random) -> list[tuple[str, str]]:
    """A few sanitized bodies (clean_html as Article.save runs it) with their plain text."""
    bodies = []
    for place in PLACES:
        topic = rnd.choice(TOPICS)
        raw = ("<p>" + f"Nội dung tin mẫu về phong trào thi đua yêu nước ở {place}, {topic}. " * 12 + "</p>"
               + "<p>" + "Các đơn vị trong cụm thi đua đã hoàn thành tốt nhiệm vụ được giao. " * 8 + "</p>")
        body = clean_html(raw)
        bodies.append((body, html_to_text(body)))
    return bodies


def pick_awards():
    """(individual, collective) award lists: the form 0603 columns first, as a province grants them."""
    by_code = {a.code: a for a in Award.objects.filter(has_classes=False)}
    individual = [by_code[c] for c in ("provincial_certificate", "provincial_emulation_fighter",
                                       "grassroots_emulation_fighter", "advanced_worker") if c in by_code]
    collective = [by_code[c] for c in ("provincial_certificate", "provincial_emulation_flag",
                                       "excellent_labour_collective") if c in by_code]
    if not individual:
        individual = list(Award.objects.filter(subject_type__in=["individual", "any"], has_classes=False)[:4])
    if not collective:
        collective = list(Award.objects.filter(subject_type__in=["collective", "any"], has_classes=False)[:3])
    return individual, collective


# times the base salary, as the dated rules give them for a provincial chair (Nghị định 98/2023)
CASH = {("provincial_certificate", "individual"): Decimal("1.00"),
        ("provincial_certificate", "collective"): Decimal("2.00"),
        ("provincial_emulation_fighter", "individual"): Decimal("3.00"),
        ("provincial_emulation_flag", "collective"): Decimal("8.00")}


def run(scale: int, seed: int) -> dict:
    # DEBUG (the local profile) would keep every statement's text in memory and format it
    settings.DEBUG = False
    rnd = random.Random(seed)
    tag = f"b{seed}"
    now = timezone.now()
    n_clusters = CLUSTERS * scale
    n_units = n_clusters * UNITS_PER_CLUSTER
    n_years = n_clusters * len(YEARS)
    n_members = n_years * UNITS_PER_CLUSTER
    n_meetings = n_years * 2
    n_people = 3 + n_clusters * PEOPLE_PER_CLUSTER
    n_articles = ARTICLES * scale
    n_decisions = DECISIONS * scale
    n_lines = n_decisions * LINES_PER_DECISION
    progress = Progress(MODEL_ROW * (n_units + n_clusters + n_years + n_members + 2 * n_meetings + n_people
                                     + n_articles + n_decisions) + n_lines)

    organiser = Unit.objects.filter(slug=f"ubnd-tinh-mau-{tag}").first()
    if organiser is None:
        organiser = Unit(name=f"UBND tỉnh mẫu {tag}", kind="peoples_committee", is_sample=True,
                         admin_level=AdministrativeLevel.PROVINCE, slug=f"ubnd-tinh-mau-{tag}")
        organiser.save()
    category = Category.objects.filter(slug="tin-mau-bench").first()
    if category is None:
        category = Category(name="Tin mẫu (bench)", slug="tin-mau-bench")
        category.save()
    issuer_role = IssuerRole.objects.filter(code="provincial_chair").first() or IssuerRole.objects.first()
    awards_individual, awards_collective = pick_awards()
    salaries = list(BaseSalary.objects.order_by("valid_from").values_list("valid_from", "amount"))

    def salary_on(day):
        amount = None
        for start, value in salaries:
            if start <= day:
                amount = value
        return amount

    # units: the name and short name folded, as Unit.save does
    unit_slugs = Slugs(Unit)
    units = []
    for c in range(n_clusters):
        for u in range(UNITS_PER_CLUSTER):
            name, short = f"huyện Mẫu {tag}-{c}-{u}", f"Mẫu {c}-{u}"
            units.append(Unit(name=name, short_name=short, slug=unit_slugs.make(name), kind="district",
                              admin_level=AdministrativeLevel.DISTRICT, valid_from=datetime.date(2000, 1, 1),
                              is_sample=True, search_text=fold(f"{name} {short}")))
    bulk(Unit, units, progress, "units")

    cluster_slugs = Slugs(Cluster)
    clusters = []
    for c in range(n_clusters):
        name, aliases = f"Cụm thi đua mẫu số {c} ({tag})", f"Cụm mẫu {c}"
        clusters.append(Cluster(name=name, slug=cluster_slugs.make(name), number=c + 100, organiser=organiser,
                                is_sample=True, aliases=aliases, valid_from=datetime.date(2015, 1, 1),
                                search_text=fold(f"{name} {aliases}")))
    bulk(Cluster, clusters, progress, "clusters")

    cluster_years = [ClusterYear(cluster=cluster, year=year, is_sample=True) for cluster in clusters for year in YEARS]
    bulk(ClusterYear, cluster_years, progress, "cluster years")

    person_slugs = Slugs(Person)
    people = []
    for i in range(n_people):
        full_name = (f"Nguyễn Văn Mẫu {tag}-{i}" if i < 3
                     else f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}")
        people.append(Person(full_name=full_name, slug=person_slugs.make(full_name), is_sample=True,
                             gender=rnd.choice(["male", "female"]), search_text=fold(full_name)))
    bulk(Person, people, progress, "people")
    chairs = people[:3]

    # members, with the copies ClusterMember.save keeps for the constraints
    members, meetings, hosts = [], [], []
    meeting_slugs = Slugs(Meeting, max_length=120)
    with override(settings.LANGUAGE_CODE):
        for i, cy in enumerate(cluster_years):
            c = i // len(YEARS)
            own = units[c * UNITS_PER_CLUSTER:(c + 1) * UNITS_PER_CLUSTER]
            leader, deputy = rnd.sample(own, 2)
            for order, unit in enumerate(own):
                role = Role.LEADER if unit is leader else Role.DEPUTY if unit is deputy else Role.MEMBER
                members.append(ClusterMember(
                    cluster_year=cy, unit=unit, role=role, order=order,
                    selection_method="" if role == Role.MEMBER else SelectionMethod.ELECTED,
                    year=cy.year, organiser_id=organiser.pk, starts_on=datetime.date(cy.year, 1, 1),
                    ends_on=datetime.date(cy.year, 12, 31)))
            for kind, period, month in ((MeetingKind.MID_YEAR_REVIEW, Period.FIRST_HALF, 7),
                                        (MeetingKind.YEAR_END_REVIEW, Period.YEAR, 12)):
                day = datetime.date(cy.year, month, 10 + c % 15)
                venue = f"trụ sở UBND {deputy.name}"
                summary = "Hội nghị mẫu để đo tải. " * 5
                meeting = Meeting(
                    cluster_year=cy, kind=kind, period=period, date=day, venue=venue, host=deputy,
                    record_state=RecordState.PUBLISHED, event_status=EventStatus.HELD, summary=summary,
                    is_sample=True, published_at=now, sort_date=day, url_year=day.year)
                title = meeting.default_title  # Meeting.save: Vietnamese whatever the editor's language
                meeting.slug = meeting_slugs.make(title)
                meeting.search_text = fold(" ".join([title, venue, summary, cy.cluster.name, cy.cluster.aliases]))
                meetings.append(meeting)
                hosts.append(deputy)
    bulk(ClusterMember, members, progress, "cluster members")
    bulk(Meeting, meetings, progress, "meetings")
    attendance = []
    for meeting, host in zip(meetings, hosts, strict=True):
        chair = rnd.choice(chairs)
        attendance.append(Attendance(meeting=meeting, person=chair, name_as_written=chair.full_name,
                                     title_as_written="Chủ tịch UBND huyện", unit=host, role=AttendanceRole.CHAIR))
    bulk(Attendance, attendance, progress, "attendance")

    # articles: body through the sanitizer once per variant, title and text folded as Article.save does
    bodies = article_bodies(rnd)
    article_slugs = Slugs(Article)
    articles = []
    for a in range(n_articles):
        when = datetime.datetime(2015 + a % 10, 1 + a % 12, 1 + a % 28, 9, 0, tzinfo=HCM)
        title = f"Tin mẫu số {a} về phong trào thi đua {PLACES[a % len(PLACES)]} ({tag})"
        summary = f"Tóm tắt tin mẫu về thi đua, khen thưởng: {TOPICS[a % len(TOPICS)]}."
        body, text = bodies[a % len(bodies)]
        meeting = meetings[(a * 7) % len(meetings)] if a % 4 == 0 and meetings else None
        articles.append(Article(
            title=title, slug=article_slugs.make(title), category=category, summary=summary, body=body,
            status=ArticleStatus.PUBLISHED, published_at=when, is_sample=True, meeting=meeting,
            cluster_id=meeting.cluster_year.cluster_id if meeting else None, author_name="Ban Thi đua - Khen thưởng",
            search_title=fold(title), search_text=fold(" ".join([title, summary, text]))))
    bulk(Article, articles, progress, "articles")

    # decisions: sync_copies() is what Decision.save runs (number text, year copies, slug, search text)
    decisions = []
    for d in range(n_decisions):
        signed = datetime.date(2016 + d % 9, 1 + d % 12, 1 + d % 27)
        decision = Decision(
            number=10_000 + d, symbol="QĐ-UBND", signed_on=signed, issuer_role=issuer_role, issuer_unit=organiser,
            signer_name="Nguyễn Văn Ký", signer_title="Phó Chủ tịch",
            subject_line=f"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm {signed.year - 1} (dữ liệu đo tải)",
            achievement_year=signed.year - 1, is_published=True, is_sample=True)
        decision.sync_copies()
        decisions.append(decision)
    bulk(Decision, decisions, progress, "decisions")

    # lines: a million model instances through bulk_create's compiler would take ten minutes
    # (35 columns × 7 µs of per-value preparation), so they go in as plain tuples (executemany on
    # SQLite, COPY on PostgreSQL) built from a template of every column's default, prepared once
    progress.phase("decision lines")
    categories = [PersonCategory.DIRECT_WORKER, PersonCategory.OTHER_LEADER, PersonCategory.OTHER]
    insert = RowInserter(DecisionLine, now)
    individual = [(a.pk, CASH.get((a.code, "individual"))) for a in awards_individual]
    collective = [(a.pk, CASH.get((a.code, "collective"))) for a in awards_collective]
    unit_rows = [(u.pk, u.name, fold(u.name)) for u in units]
    person_rows = [(p.pk, p.full_name, fold(p.full_name), p.gender) for p in people]
    rows = []
    with transaction.atomic():
        for decision in decisions:
            salary = salary_on(decision.signed_on)
            for n in range(LINES_PER_DECISION):
                if n % 5 == 0 and collective:
                    unit_id, unit_name, unit_folded = rnd.choice(unit_rows)
                    award_id, multiplier = rnd.choice(collective)
                    row = insert.row(
                        decision_id=decision.pk, order=n + 1, subject_type=SubjectType.COLLECTIVE.value,
                        unit_id=unit_id, organisation_id=organiser.pk, name_text=unit_name,
                        unit_text=organiser.name, award_id=award_id, is_small_collective=n % 10 == 0,
                        member_count=20 + n % 30, reason="Đã có thành tích xuất sắc trong phong trào thi đua",
                        search_text=unit_folded, **insert.cash(multiplier, salary))
                else:
                    person_id, full_name, person_folded, gender = rnd.choice(person_rows)
                    unit_id, unit_name, _ = rnd.choice(unit_rows)
                    award_id, multiplier = rnd.choice(individual)
                    row = insert.row(
                        decision_id=decision.pk, order=n + 1, subject_type=SubjectType.INDIVIDUAL.value,
                        person_id=person_id, organisation_id=unit_id, name_text=full_name,
                        title_text="Chuyên viên", unit_text=unit_name, award_id=award_id,
                        person_category=rnd.choice(categories).value, gender=gender,
                        reason="Đã có thành tích xuất sắc trong công tác", search_text=person_folded,
                        **insert.cash(multiplier, salary))
                rows.append(row)
            if len(rows) >= BATCH * 10:
                insert.write(rows)
                progress.advance(len(rows))
                rows = []
        if rows:
            insert.write(rows)
            progress.advance(len(rows))
    # the lines went in past the services, which keep the statistics roll-up as they write:
    # recompute it once, as `manage.py rebuild_statistics_rollup` does
    progress.phase("statistics roll-up")
    statistics_rollup_rebuild()
    progress.close()
    # what autovacuum would do within a minute on PostgreSQL, and what the portal does after every
    # migrate and daily on SQLite (portal.core.dbstats)
    refresh_planner_statistics()
    return {"units": n_units, "clusters": n_clusters, "members": n_members, "meetings": n_meetings,
            "people": n_people, "articles": n_articles, "decisions": n_decisions, "lines": n_lines}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    start = time.monotonic()
    counts = run(args.scale, args.seed)
    print(f"generated at scale {args.scale} in {time.monotonic() - start:.1f}s "
          f"({connection.vendor}): " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
