"""The border cluster's 2017 scoring for the demo: the table the province might have issued, each
member's self-score adding up to the total the 2017 year-end ranking shows (meetings.demo), and
the published result, so the results page, the ranking and the flag tell one story. Invented
figures, marked as sample data. It lives in the back office's demo because publishing needs the
staff account made there."""

import datetime
from decimal import Decimal as D

from django.core.files.base import ContentFile

from clusters.models import ClusterYear
from meetings.demo import RANKING_2017, YEAR_END_SLUG
from meetings.models import Meeting
from portal.core.demo import MINIMAL_PDF
from scoring import services
from scoring.models import (
    ClusterType,
    Criterion,
    CriterionGroup,
    CriterionKind,
    Evidence,
    ScoreEntry,
    ScoreSheet,
    ScoreTemplate,
    Scoring,
    ScoringState,
    SheetState,
)

CLUSTER_SLUG = "cum-thi-dua-cac-huyen-bien-gioi"
TYPE_NAME = "Cụm thi đua các huyện, thành phố"
# group, code, title, kind, maximum, evidence required
CRITERIA = [
    ("I", "1", "Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội năm 2017", "scored", "30", False),
    ("I", "2", "Quốc phòng, an ninh, công tác đối ngoại và quản lý biên giới", "scored", "20", False),
    ("II", "3", "Tổ chức phong trào thi đua, ký kết và thực hiện giao ước thi đua", "scored", "15", True),
    ("II", "4", "Công tác khen thưởng, phát hiện và nhân rộng điển hình tiên tiến", "scored", "15", False),
    ("II", "5", "Tham gia các hoạt động của Cụm thi đua", "scored", "10", False),
    ("III", "6", "Xây dựng chính quyền, cải cách hành chính", "scored", "10", False),
    (None, "T", "Sáng kiến, mô hình mới được cấp tỉnh công nhận", "bonus", "3", False),
    (None, "Đ", "Chậm gửi báo cáo, số liệu theo quy định", "penalty", "5", False),
]
GROUPS = {"I": "Thực hiện nhiệm vụ chính trị", "II": "Công tác thi đua, khen thưởng",
          "III": "Xây dựng tổ chức bộ máy"}
# points per criterion code; totals match RANKING_2017 (96,50 · 95,75 · 94,00 · 93,25 · 92,50)
POINTS = {
    "huyen-van-lang": {"1": "29.5", "2": "19.5", "3": "14.5", "4": "14", "5": "10", "6": "9"},
    "huyen-loc-binh": {"1": "29", "2": "19.5", "3": "14.5", "4": "14", "5": "10", "6": "8.75"},
    "huyen-trang-dinh": {"1": "28.5", "2": "19", "3": "14", "4": "14", "5": "9.5", "6": "8", "T": "1"},
    "huyen-cao-loc": {"1": "28.5", "2": "19", "3": "14", "4": "13.5", "5": "9.5", "6": "9.25", "Đ": "0.5"},
    "huyen-dinh-lap": {"1": "28", "2": "18.5", "3": "14", "4": "13.5", "5": "9.5", "6": "9"},
}


def load(*, stdout, users):
    cluster_year = ClusterYear.objects.filter(cluster__slug=CLUSTER_SLUG, year=2017).first()
    meeting = Meeting.objects.filter(slug=YEAR_END_SLUG).first()
    if cluster_year is None or meeting is None or Scoring.objects.filter(cluster_year=cluster_year).exists():
        return
    ranked = dict(meeting.rankings.values_list("unit__slug", "score"))
    wanted = {slug: D(score) for slug, score in RANKING_2017}
    if ranked != wanted:  # the meeting's table was changed by hand: do not tell another story
        return
    kind, _created = ClusterType.objects.get_or_create(name=TYPE_NAME)
    kind.clusters.add(cluster_year.cluster)
    template = ScoreTemplate.objects.create(
        cluster_type=kind, year=2017, is_sample=True,
        title="Bảng tiêu chí, thang điểm chấm điểm thi đua năm 2017 của các cụm thi đua huyện, thành phố",
        basis="Hướng dẫn của Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn (dữ liệu mẫu)")
    groups = {code: CriterionGroup.objects.create(template=template, order=order, code=code, title=title)
              for order, (code, title) in enumerate(GROUPS.items(), start=1)}
    criteria = {}
    for order, (group, code, title, kind_code, maximum, evidence) in enumerate(CRITERIA, start=1):
        criteria[code] = Criterion.objects.create(
            template=template, group=groups.get(group), order=order, code=code, title=title,
            kind=CriterionKind(kind_code), max_points=D(maximum), evidence_required=evidence)
    scoring = services.scoring_start(cluster_year=cluster_year, template=template,
                                     deadline=datetime.date(2017, 12, 10))
    # the self-scores came on paper: entered as submitted, on time
    for sheet in scoring.sheets.select_related("unit"):
        for code, points in POINTS.get(sheet.unit.slug, {}).items():
            entry = ScoreEntry.objects.create(sheet=sheet, criterion=criteria[code], points=D(points),
                                              explanation="Theo báo cáo tự chấm điểm của đơn vị.")
            if criteria[code].evidence_required and entry.points:  # as sheet_submit asks of a member
                Evidence.objects.create(entry=entry, title="Báo cáo tự chấm điểm kèm minh chứng (dữ liệu mẫu)",
                                        file=ContentFile(MINIMAL_PDF, name=f"minh-chung-{code}.pdf"))
        ScoreSheet.objects.filter(pk=sheet.pk).update(
            state=SheetState.SUBMITTED, submitted_at=datetime.datetime(2017, 12, 8, 9, 0, tzinfo=datetime.UTC))
    Scoring.objects.filter(pk=scoring.pk).update(state=ScoringState.RANKED, meeting=meeting, compiled_visible=True,
                                                 is_sample=True)
    scoring.refresh_from_db()
    services.publish(user=users["so.noivu"], scoring=scoring)
    stdout.write("backoffice: the border cluster's 2017 scoring, published")
