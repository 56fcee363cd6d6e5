"""Demo meetings: the border cluster's mid-year review of 14/07/2017 as the seed article tells
it (real, so not marked as sample, except its placeholder photos), and an invented year-end
review of 2017 that elects the 2018 roles through the cluster service (marked as sample).

Idempotent: rows are found by their natural keys (meeting slug; order within a meeting)."""

import datetime
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from clusters.models import Cluster, ClusterYear, Person, Role, Unit
from documents.demo import PLAN_SLUG
from documents.models import Document

from . import services
from .models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceRole,
    DatePrecision,
    DecisionMethod,
    EventStatus,
    Meeting,
    MeetingKind,
    MeetingPhoto,
    MeetingTransition,
    Period,
    RankBasis,
    Ranking,
    RecordState,
    Resolution,
    ResolutionKind,
    Speech,
)

CLUSTER_SLUG = "cum-thi-dua-cac-huyen-bien-gioi"
# The border cluster's 2017 year-end ranking (invented): Văn Lãng first, ahead of the year's
# Trưởng cụm Lộc Bình. The 2017 Cờ thi đua of awards/demo.py follows it, as the rule does.
RANKING_2017 = [("huyen-van-lang", "96.50"), ("huyen-loc-binh", "95.75"), ("huyen-trang-dinh", "94.00"),
                ("huyen-cao-loc", "93.25"), ("huyen-dinh-lap", "92.50")]
MID_YEAR_SLUG = "hoi-nghi-so-ket-6-thang-dau-nam-2017-cum-thi-dua-cac-huyen-bien-gioi"
YEAR_END_SLUG = "hoi-nghi-tong-ket-nam-2017-cum-thi-dua-cac-huyen-bien-gioi"

MID_YEAR_TITLE = (
    "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ thi đua, "
    "khen thưởng 6 tháng cuối năm 2017 của Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn"
)

MID_YEAR_SUMMARY = "\n\n".join([
    (
        'Thực hiện Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn, ngày 14/7/2017, '
        'tại trụ sở UBND huyện Văn Lãng, Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn đã tổ chức Hội nghị '
        'sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ thi đua, khen thưởng 6 '
        'tháng cuối năm 2017.'
    ),
    (
        'Cụm thi đua gồm 05 đơn vị: huyện Lộc Bình (Trưởng cụm thi đua năm 2017), huyện Văn Lãng (Phó trưởng '
        'cụm thi đua năm 2017), huyện Tràng Định, huyện Cao Lộc và huyện Đình Lập. Trong 6 tháng đầu năm '
        '2017, các đơn vị đã quan tâm lãnh đạo, chỉ đạo và tổ chức thực hiện công tác thi đua, khen thưởng '
        'tích cực, chủ động; các phong trào thi đua yêu nước diễn ra sôi nổi, rộng khắp, gắn với các phong '
        'trào "Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới", "Cả nước chung tay vì người nghèo, '
        'không để ai bị bỏ lại phía sau" và việc "Học tập và làm theo tư tưởng, phong cách, đạo đức Hồ Chí '
        'Minh". Tỷ lệ khen thưởng cho tập thể nhỏ, cá nhân lao động trực tiếp đều đạt trên 50%.'
    ),
    (
        'Phát biểu tại hội nghị, đồng chí Nguyễn Thu Hoài, thay mặt Hội đồng TĐKT tỉnh, Ban TĐKT, Sở Nội vụ, '
        'ghi nhận kết quả đạt được, chỉ ra một số hạn chế và đề nghị các huyện quan tâm bồi dưỡng, tập huấn '
        'nghiệp vụ công tác thi đua, khen thưởng cho các đơn vị trực thuộc; Hội đồng TĐKT các huyện thường '
        'xuyên kiểm tra, giám sát; lựa chọn các doanh nghiệp, doanh nhân trên địa bàn để đề nghị tôn vinh '
        'danh hiệu "Doanh nhân, Doanh nghiệp tiêu biểu" gửi về Sở Nội vụ đúng thời gian quy định.'
    ),
    (
        'Hội nghị đã thống nhất, biểu quyết thông qua các nhiệm vụ trọng tâm, các giải pháp cần thực hiện '
        'trong 6 tháng cuối năm 2017. Trước khi kết thúc, đoàn đại biểu đã đến thăm khu lưu niệm đồng chí '
        'Hoàng Văn Thụ tại xã Hoàng Văn Thụ, huyện Văn Lãng và dâng hương đồng chí Hoàng Văn Thụ, nhân kỷ '
        'niệm 70 năm ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2017).'
    ),
])

PHOTO_CAPTIONS = [
    (
        "Ảnh: Đồng chí Nguyễn Đình Trường, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT "
        "huyện Văn Lãng phát biểu khai mạc",
        "Ảnh minh họa: người chủ trì phát biểu khai mạc hội nghị",
    ),
    (
        "Ảnh: Các đại biểu tham dự và thảo luận tại Hội nghị",
        "Ảnh minh họa: các đại biểu ngồi quanh bàn hội nghị",
    ),
    (
        "Ảnh: Đồng chí Nguyễn Thu Hoài, Phó trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn phát biểu "
        "chỉ đạo Hội nghị",
        "Ảnh minh họa: đại biểu của tỉnh phát biểu chỉ đạo tại hội nghị",
    ),
    (
        "Ảnh: Đoàn đại biểu cụm thi đua 5 huyện biên giới đến thăm và dâng hương đồng chí Hoàng Văn Thụ tại khu "
        "lưu niệm đồng chí Hoàng Văn Thụ, xã Hoàng Văn Thụ, huyện Văn Lãng.",
        "Ảnh minh họa: đoàn đại biểu trước khu lưu niệm",
    ),
]

# A colour scheme per placeholder photo: (wall, floor, accent).
_SCENES = [
    ((176, 38, 38), (231, 220, 200), (240, 196, 64)),
    ((70, 110, 150), (225, 215, 195), (200, 60, 50)),
    ((150, 40, 45), (230, 222, 205), (245, 205, 90)),
    ((110, 160, 200), (95, 140, 80), (190, 175, 150)),
]


def _font(size):
    candidates = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf",
                  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    for name in candidates:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def placeholder_photo(index: int) -> ContentFile:
    """A simple 1200×800 scene with the words "Ảnh minh họa", drawn at run time."""
    wall, floor, accent = _SCENES[index % len(_SCENES)]
    image = Image.new("RGB", (1200, 800), wall)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 520, 1200, 800], fill=floor)
    if index == 3:  # outdoors: a memorial house under the sky
        draw.polygon([(380, 330), (600, 200), (820, 330)], fill=(120, 70, 50))
        draw.rectangle([420, 330, 780, 540], fill=accent)
        draw.rectangle([570, 420, 630, 540], fill=(90, 60, 40))
    else:  # a meeting hall: banner, table, heads
        draw.rectangle([200, 80, 1000, 180], fill=accent)
        draw.rectangle([150, 460, 1050, 560], fill=(120, 80, 50))
        for x in range(230, 1000, 130):
            draw.ellipse([x, 370, x + 70, 440], fill=(60, 45, 40))
            draw.rectangle([x - 10, 430, x + 80, 470], fill=(40, 50, 70))
    font = _font(72)
    text = "Ảnh minh họa"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x, y = (1200 - (right - left)) // 2, 640
    draw.rectangle([x - 24, y - 16, x + (right - left) + 24, y + (bottom - top) + 32], fill=(255, 255, 255))
    draw.text((x, y), text, font=font, fill=(40, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"anh-minh-hoa-{index + 1}.jpg")


def _unit(slug, *fallbacks):
    for candidate in (slug, *fallbacks):
        unit = Unit.objects.filter(slug=candidate).first()
        if unit is not None:
            return unit
    return None


def _plan() -> Document | None:
    """The province's 2017 plan in the document library (documents.demo), when loaded."""
    return Document.objects.filter(slug=PLAN_SLUG).first()


def _meeting(slug, *, cluster_year, **fields) -> Meeting:
    meeting, created = Meeting.objects.update_or_create(slug=slug, defaults={"cluster_year": cluster_year, **fields})
    if created:
        MeetingTransition.objects.create(meeting=meeting, from_state="", to_state=meeting.record_state,
                                         reason="Dữ liệu trình diễn")
    return meeting


def load(*, stdout):
    cluster = Cluster.objects.filter(slug=CLUSTER_SLUG).first()
    cluster_year = ClusterYear.objects.filter(cluster=cluster, year=2017).first() if cluster else None
    if cluster_year is None:
        stdout.write("demo: meetings skipped (the border cluster's 2017 year is missing)")
        return
    mid_year = load_mid_year_review(cluster_year)
    load_year_end_review(cluster_year, stdout=stdout)
    load_khoi_year_end_review(stdout=stdout)
    stdout.write(f"demo: meeting {mid_year.get_absolute_url()}")


KHOI_SLUG = "khoi-thi-dua-cac-so-ban-nganh-tong-hop"
KHOI_MEETING_SLUG = "hoi-nghi-tong-ket-khoi-cac-so-ban-nganh-tong-hop-2024"


def load_khoi_year_end_review(*, stdout) -> Meeting | None:
    """Invented, as a report from another province would give it: the khối's 2024 year-end
    review whose day the report does not state (only the day it was reported), co-chaired by two
    people known by name and title, three units tied "xuất sắc, tiêu biểu" by secret ballot with
    the vote counts, and 2025's leader and deputy acclaimed by consensus."""
    khoi = Cluster.objects.filter(slug=KHOI_SLUG).first()
    cluster_year = ClusterYear.objects.filter(cluster=khoi, year=2024).first() if khoi else None
    if cluster_year is None:
        stdout.write("demo: khối meeting skipped (the khối's 2024 year is missing)")
        return None
    units = list(cluster_year.members.select_related("unit").order_by("order"))
    meeting = _meeting(
        KHOI_MEETING_SLUG, cluster_year=cluster_year, kind=MeetingKind.YEAR_END_REVIEW, period=Period.YEAR,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024 của Khối thi đua các sở, ban, ngành "
              "tổng hợp",
        date=None, date_precision=DatePrecision.UNKNOWN, reported_on=datetime.date(2025, 1, 10), time=None,
        venue="", event_status=EventStatus.HELD, record_state=RecordState.PUBLISHED, is_sample=True,
        summary="Dữ liệu mẫu: bản tin không nêu ngày họp; các đơn vị bỏ phiếu kín suy tôn ba đơn vị xuất sắc, "
                "tiêu biểu đồng hạng nhất và thống nhất suy tôn đơn vị Trưởng khối, Phó trưởng khối năm 2025.",
    )
    for order, (name, title, unit) in enumerate([
        ("Nguyễn Văn An", "Giám đốc Sở", "Sở Tài chính tỉnh Lạng Sơn"),
        ("Trần Thị Bình", "Chánh Thanh tra tỉnh", "Thanh tra tỉnh Lạng Sơn"),
    ], start=1):
        Attendance.objects.update_or_create(meeting=meeting, order=order, defaults={
            "role": AttendanceRole.CO_CHAIR, "name_as_written": name, "title_as_written": title,
            "unit_as_written": unit})
    if not meeting.rankings.exists() and len(units) >= 3:
        for index, member in enumerate(units[:3]):
            Ranking.objects.create(
                meeting=meeting, unit=member.unit, rank=1, group_label="xuất sắc, tiêu biểu",
                basis=RankBasis.SECRET_BALLOT, members_entitled=len(units), members_present=len(units),
                votes_for=len(units) - index,
            )
        Resolution.objects.create(
            meeting=meeting, kind=ResolutionKind.HANDOVER, order=2, method=DecisionMethod.UNKNOWN,
            text="Dữ liệu mẫu: đơn vị Trưởng khối năm 2024 bàn giao nhiệm vụ cho đơn vị Trưởng khối năm 2025.",
        )
    if not meeting.resolutions.filter(kind=ResolutionKind.ELECTION).exists() and len(units) >= 4:
        try:
            services.meeting_record_election(
                meeting=meeting, leader=units[3].unit, deputy=units[0].unit, method=DecisionMethod.CONSENSUS,
                votes={"members_entitled": len(units), "members_present": len(units)},
            )
        except ValidationError as error:
            stdout.write(f"demo: khối election not recorded: {'; '.join(error.messages)}")
    return meeting


def load_mid_year_review(cluster_year) -> Meeting:
    host = _unit("ubnd-huyen-van-lang", "huyen-van-lang")
    meeting = _meeting(
        MID_YEAR_SLUG, cluster_year=cluster_year,
        kind=MeetingKind.MID_YEAR_REVIEW, period=Period.FIRST_HALF, title=MID_YEAR_TITLE,
        date=datetime.date(2017, 7, 14), time=None, part_of_day="",
        venue="trụ sở UBND huyện Văn Lãng", host=host, event_status=EventStatus.HELD,
        basis="Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn", basis_document=_plan(),
        summary=MID_YEAR_SUMMARY, record_state=RecordState.PUBLISHED, is_sample=False,
    )
    board = _unit("ban-thi-dua-khen-thuong")
    attendance = [
        {"role": AttendanceRole.CHAIR, "person": Person.objects.filter(slug="nguyen-dinh-truong").first(),
             "name_as_written": "Nguyễn Đình Trường",
             "title_as_written": "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT huyện Văn Lãng",
             "unit": host, "speech": Speech.OPENING},
        {"role": AttendanceRole.DELEGATE, "person": Person.objects.filter(slug="nguyen-thu-hoai").first(),
             "name_as_written": "Nguyễn Thu Hoài",
             "title_as_written": "Phó trưởng ban, Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
             "unit": board, "speech": Speech.GUIDANCE, "on_behalf_of": "Hội đồng TĐKT tỉnh, Ban TĐKT, Sở Nội vụ"},
        {"role": AttendanceRole.DELEGATE, "person": Person.objects.filter(slug="tran-van-ba").first(),
             "name_as_written": "Trần Văn Ba", "title_as_written": "chuyên viên Ban Thi đua - Khen thưởng",
             "unit": board},
        {"role": AttendanceRole.DELEGATE,
             "organisation": "các đồng chí lãnh đạo Ủy ban nhân dân huyện, lãnh đạo và chuyên viên Phòng Nội vụ "
                          "của 05 huyện biên giới"},
        {"role": AttendanceRole.DELEGATE, "organisation": "các thành viên Hội đồng TĐKT huyện Văn Lãng",
             "unit": _unit("hoi-dong-tdkt-huyen-van-lang")},
    ]
    for order, row in enumerate(attendance, start=1):
        if row.get("person") is None and not row.get("organisation"):
            # Without the person register, keep the name as a group line rather than lose it.
            row["organisation"] = f"{row['name_as_written']}, {row['title_as_written']}"
        defaults = {"person": None, "name_as_written": "", "title_as_written": "", "organisation": "", "unit": None,
                    "on_behalf_of": "", "speech": Speech.NONE, **row}
        Attendance.objects.update_or_create(meeting=meeting, order=order, defaults=defaults)
    meeting.attendances.filter(order__gt=len(attendance)).delete()

    agenda = [
        (AgendaItemKind.ITEM, "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2017 của Cụm thi đua", ""),
        (AgendaItemKind.ITEM, "Triển khai nhiệm vụ thi đua, khen thưởng 6 tháng cuối năm 2017", ""),
        (AgendaItemKind.ACTIVITY,
         "Thăm khu lưu niệm đồng chí Hoàng Văn Thụ tại xã Hoàng Văn Thụ, huyện Văn Lãng và dâng hương đồng chí "
         "Hoàng Văn Thụ",
         "Nhân kỷ niệm 70 năm ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2017)"),
    ]
    for order, (kind, title, description) in enumerate(agenda, start=1):
        AgendaItem.objects.update_or_create(
            meeting=meeting, order=order, defaults={"kind": kind, "title": title, "description": description}
        )
    resolutions = [
        (ResolutionKind.REPORT_ADOPTED, "",
         "Thông qua báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2017 của Cụm thi đua các huyện "
         "biên giới."),
        (ResolutionKind.TASKS_ADOPTED, DecisionMethod.VOTE,
         "Cụm thi đua các huyện biên giới tỉnh Lạng Sơn đã thống nhất, biểu quyết thông qua các nhiệm vụ trọng tâm, "
         "các giải pháp cần thực hiện trong 6 tháng cuối năm 2017."),
    ]
    for order, (kind, method, text) in enumerate(resolutions, start=1):
        Resolution.objects.update_or_create(
            meeting=meeting, order=order, defaults={"kind": kind, "method": method, "text": text}
        )
    for index, (caption, alt_text) in enumerate(PHOTO_CAPTIONS):
        photo = MeetingPhoto.objects.filter(meeting=meeting, order=index + 1).first()
        if photo is None:
            services.photo_add(meeting=meeting, image=placeholder_photo(index), caption=caption, alt_text=alt_text,
                               order=index + 1, is_sample=True)
        else:
            MeetingPhoto.objects.filter(pk=photo.pk).update(caption=caption, alt_text=alt_text, is_sample=True)
    return meeting


def load_year_end_review(cluster_year, *, stdout) -> Meeting:
    """Invented: the 2017 year-end review at Lộc Bình (the 2017 leader), its ranking (Văn Lãng
    first: the year's Cờ thi đua goes to it, see awards/demo.py) and the election of 2018's
    leader and deputy."""
    meeting = _meeting(
        YEAR_END_SLUG, cluster_year=cluster_year,
        kind=MeetingKind.YEAR_END_REVIEW, period=Period.YEAR, title="",
        date=datetime.date(2017, 12, 20), time=datetime.time(8, 0), part_of_day="morning",
        venue="trụ sở UBND huyện Lộc Bình", host=_unit("ubnd-huyen-loc-binh", "huyen-loc-binh"),
        event_status=EventStatus.HELD, basis="Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn",
        basis_document=_plan(),
        summary="Dữ liệu mẫu: hội nghị tổng kết công tác thi đua, khen thưởng năm 2017 của Cụm, bình xét xếp hạng "
                "các đơn vị và bầu Trưởng cụm, Phó trưởng cụm năm 2018.",
        record_state=RecordState.PUBLISHED, is_sample=True,
    )
    Attendance.objects.update_or_create(
        meeting=meeting, order=1,
        defaults={"role": AttendanceRole.CHAIR, "organisation": "Lãnh đạo UBND huyện Lộc Bình (Trưởng cụm năm 2017)",
                  "unit": _unit("ubnd-huyen-loc-binh", "huyen-loc-binh"), "speech": Speech.OPENING},
    )
    Resolution.objects.update_or_create(
        meeting=meeting, order=1,
        defaults={"kind": ResolutionKind.REPORT_ADOPTED, "method": DecisionMethod.VOTE,
                  "text": "Thông qua báo cáo tổng kết công tác thi đua, khen thưởng năm 2017 của Cụm thi đua."},
    )
    if all(_unit(slug) for slug, _score in RANKING_2017):
        meeting.rankings.all().delete()  # ranks move between units: rewrite the table whole
        for rank, (slug, score) in enumerate(RANKING_2017, start=1):
            Ranking.objects.create(meeting=meeting, unit=_unit(slug), rank=rank, score=Decimal(score),
                                   basis=RankBasis.VOTE if rank == 1 else RankBasis.SCORE)
    if not meeting.resolutions.filter(kind=ResolutionKind.ELECTION).exists():
        leader, deputy = _unit("huyen-van-lang"), _unit("huyen-trang-dinh")
        next_year = ClusterYear.objects.filter(cluster=cluster_year.cluster, year=2018).first()
        current = {}
        if next_year is not None:
            current = {m.role: m.unit_id for m in next_year.members.exclude(role=Role.MEMBER)}
        # The clusters demo may already hold the same 2018 roles: re-elect them so the
        # resolution links to the rows, but never overwrite different ones.
        same = current == {Role.LEADER: getattr(leader, "pk", None), Role.DEPUTY: getattr(deputy, "pk", None)}
        if leader and deputy and (not current or same):
            try:
                services.meeting_record_election(meeting=meeting, leader=leader, deputy=deputy,
                                                 method=DecisionMethod.BALLOT, replace=same)
            except ValidationError as error:
                stdout.write(f"demo: 2018 election not recorded: {'; '.join(error.messages)}")
            else:
                if next_year is None:
                    ClusterYear.objects.filter(cluster=cluster_year.cluster, year=2018).update(is_sample=True)
        else:
            stdout.write("demo: 2018 election not recorded: other 2018 roles are already set")
    return meeting
