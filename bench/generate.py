#!/usr/bin/env python
"""Bulk data generator: `bench/generate.py --scale N` adds N × (10 clusters of 5 units over 10
years, with their meetings, 200 news articles and 40 decisions of 25 lines) to the database
named by DATABASE_URL, on top of whatever is there (run the demo first for the seed pages).

Rows go through the models' own save() so every derived column (slugs, search text, copies
kept for constraints) is what the portal itself would write. Everything is marked is_sample."""

import argparse
import datetime
import os
import random
import sys
import time
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from awards.models import Award, Decision, DecisionLine, IssuerRole, PersonCategory, SubjectType  # noqa: E402
from clusters.models import Cluster, ClusterMember, ClusterYear, Person, Role, SelectionMethod, Unit  # noqa: E402
from meetings.models import Attendance, AttendanceRole, Meeting, MeetingKind, Period, RecordState  # noqa: E402
from portal.news.models import Article, ArticleStatus, Category  # noqa: E402

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lương", "Nông", "Đinh", "Đoàn"]
MIDDLE = ["Văn", "Thị", "Đình", "Thu", "Minh", "Quang", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoài", "Hương", "Lan", "Long", "Sơn", "Trường", "Tuấn", "Yến"]
YEARS = range(2015, 2025)


def run(scale: int, seed: int) -> dict:
    rnd = random.Random(seed)
    tag = f"b{seed}"
    counts = dict.fromkeys(["units", "clusters", "members", "meetings", "articles", "decisions", "lines"], 0)
    organiser, _ = Unit.objects.get_or_create(
        slug=f"ubnd-tinh-mau-{tag}", defaults={"name": f"UBND tỉnh mẫu {tag}", "kind": "peoples_committee",
                                               "is_sample": True})
    category, _ = Category.objects.get_or_create(slug="tin-mau-bench", defaults={"name": "Tin mẫu (bench)"})
    issuer_role = IssuerRole.objects.get(code="provincial_chair") if IssuerRole.objects.filter(
        code="provincial_chair").exists() else IssuerRole.objects.first()
    awards_individual = list(Award.objects.filter(subject_type=SubjectType.INDIVIDUAL, has_classes=False)[:4])
    awards_collective = list(Award.objects.filter(subject_type=SubjectType.COLLECTIVE, has_classes=False)[:3])
    people = [Person.objects.create(full_name=f"Nguyễn Văn Mẫu {tag}-{i}", slug=f"nguoi-mau-{tag}-chair-{i}",
                                    is_sample=True) for i in range(3)]
    for c in range(10 * scale):
        units = []
        for u in range(5):
            unit = Unit.objects.create(
                name=f"huyện Mẫu {tag}-{c}-{u}", short_name=f"Mẫu {c}-{u}", slug=f"huyen-mau-{tag}-{c}-{u}",
                kind="district", valid_from=datetime.date(2000, 1, 1), is_sample=True)
            units.append(unit)
            counts["units"] += 1
        cluster = Cluster.objects.create(
            name=f"Cụm thi đua mẫu số {c} ({tag})", slug=f"cum-mau-{tag}-{c}", number=c + 100,
            organiser=organiser, is_sample=True, aliases=f"Cụm mẫu {c}")
        counts["clusters"] += 1
        for year in YEARS:
            cy = ClusterYear.objects.create(cluster=cluster, year=year, is_sample=True)
            leader, deputy = rnd.sample(units, 2)
            for order, unit in enumerate(units):
                role = Role.LEADER if unit == leader else Role.DEPUTY if unit == deputy else Role.MEMBER
                ClusterMember.objects.create(
                    cluster_year=cy, unit=unit, role=role, order=order,
                    selection_method="" if role == Role.MEMBER else SelectionMethod.ELECTED)
                counts["members"] += 1
            for kind, period, month in ((MeetingKind.MID_YEAR_REVIEW, Period.FIRST_HALF, 7),
                                        (MeetingKind.YEAR_END_REVIEW, Period.YEAR, 12)):
                meeting = Meeting.objects.create(
                    cluster_year=cy, kind=kind, period=period, date=datetime.date(year, month, 10 + c % 15),
                    venue=f"trụ sở UBND {deputy.name}", host=deputy, record_state=RecordState.PUBLISHED,
                    event_status="held", summary="Hội nghị mẫu để đo tải. " * 5, is_sample=True,
                    slug=f"hoi-nghi-mau-{tag}-{c}-{year}-{month}")
                Attendance.objects.create(meeting=meeting, person=rnd.choice(people) if people else None,
                                          organisation="" if people else "lãnh đạo các huyện trong cụm",
                                          title_as_written="Chủ tịch UBND huyện", unit=deputy,
                                          role=AttendanceRole.CHAIR)
                counts["meetings"] += 1
        for _ in range(5):
            people.append(Person.objects.create(
                full_name=f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}",
                slug=f"nguoi-mau-{tag}-{len(people)}", is_sample=True))
    for a in range(200 * scale):
        when = datetime.datetime(2015 + a % 10, 1 + a % 12, 1 + a % 28, 9, 0, tzinfo=HCM)
        Article.objects.create(
            title=f"Tin mẫu số {a} về phong trào thi đua ({tag})", slug=f"tin-mau-{tag}-{a}", category=category,
            summary="Tóm tắt tin mẫu về thi đua, khen thưởng.",
            body="<p>" + "Nội dung tin mẫu về phong trào thi đua yêu nước ở Lạng Sơn. " * 20 + "</p>",
            status=ArticleStatus.PUBLISHED, published_at=when, is_sample=True)
        counts["articles"] += 1
    all_units = list(Unit.objects.filter(slug__startswith=f"huyen-mau-{tag}-"))
    for d in range(40 * scale):
        signed = datetime.date(2016 + d % 3, 1 + d % 12, 1 + d % 27)
        decision = Decision.objects.create(
            number=10_000 + d, symbol="QĐ-UBND", number_text=f"{10_000 + d}/QĐ-UBND", signed_on=signed,
            issuer_role=issuer_role, issuer_unit=organiser, signer_name="Nguyễn Văn Ký",
            signer_title="Phó Chủ tịch", subject_line="Về việc khen thưởng (dữ liệu đo tải)",
            achievement_year=signed.year - 1, is_published=True, is_sample=True)
        counts["decisions"] += 1
        lines = []
        for n in range(25):
            if n % 5 == 0 and awards_collective:
                unit = rnd.choice(all_units)
                lines.append(DecisionLine(
                    decision=decision, order=n, subject_type=SubjectType.COLLECTIVE, unit=unit,
                    name_text=unit.name, award=rnd.choice(awards_collective), is_small_collective=n % 10 == 0,
                    search_text=""))
            elif awards_individual:
                person = rnd.choice(people)
                lines.append(DecisionLine(
                    decision=decision, order=n, subject_type=SubjectType.INDIVIDUAL, person=person,
                    name_text=person.full_name, award=rnd.choice(awards_individual),
                    person_category=rnd.choice([PersonCategory.DIRECT_WORKER, PersonCategory.OTHER_LEADER]),
                    gender=rnd.choice(["male", "female"])))
        for line in lines:
            line.save()
        counts["lines"] += len(lines)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    start = time.monotonic()
    with transaction.atomic():
        counts = run(args.scale, args.seed)
    print(f"generated at scale {args.scale} in {time.monotonic() - start:.1f}s: "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
