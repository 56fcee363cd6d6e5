"""Demo rows of the cluster register: Lạng Sơn as in the seed article of 21/07/2017.

The province, its 11 district-level units of 2017 (ended 30/06/2025), the bodies the article
names, the border cluster with its 2017 leader and deputy, and the people named. These are real
(is_sample=False). The other years of the cluster are invented (is_sample=True). Idempotent:
rows are found by slug, cluster years by (cluster, year)."""

import datetime

from django.db import transaction

from . import services
from .models import (
    Cluster,
    ClusterKind,
    ClusterYear,
    Gender,
    OrganisingLevel,
    Person,
    Position,
    Role,
    SelectionMethod,
    Unit,
    UnitKind,
)

DISTRICTS_END = datetime.date(2025, 6, 30)
SEED_NOTE = "Bài viết của Sở Nội vụ tỉnh Lạng Sơn ngày 21/07/2017 (Hội nghị sơ kết 6 tháng đầu năm 2017 của Cụm)"
SAMPLE_NOTE = "Dữ liệu mẫu, không lấy từ văn bản gốc"

# slug, name, short name (as in 2017)
DISTRICTS = [
    ("thanh-pho-lang-son", "Thành phố Lạng Sơn", "TP Lạng Sơn"),
    ("huyen-trang-dinh", "Huyện Tràng Định", "Tràng Định"),
    ("huyen-van-lang", "Huyện Văn Lãng", "Văn Lãng"),
    ("huyen-van-quan", "Huyện Văn Quan", "Văn Quan"),
    ("huyen-binh-gia", "Huyện Bình Gia", "Bình Gia"),
    ("huyen-bac-son", "Huyện Bắc Sơn", "Bắc Sơn"),
    ("huyen-huu-lung", "Huyện Hữu Lũng", "Hữu Lũng"),
    ("huyen-chi-lang", "Huyện Chi Lăng", "Chi Lăng"),
    ("huyen-cao-loc", "Huyện Cao Lộc", "Cao Lộc"),
    ("huyen-loc-binh", "Huyện Lộc Bình", "Lộc Bình"),
    ("huyen-dinh-lap", "Huyện Đình Lập", "Đình Lập"),
]

BORDER_CLUSTER = "cum-thi-dua-cac-huyen-bien-gioi"
# in the order the article lists them
BORDER_MEMBERS = ["huyen-loc-binh", "huyen-van-lang", "huyen-trang-dinh", "huyen-cao-loc", "huyen-dinh-lap"]
# year: (leader, deputy, is_sample). 2017 is the seed; the rest is a plausible rotation in
# which the deputy leads the next year (2020's deputy Cao Lộc matches a later report).
BORDER_ROLES = {
    2016: ("huyen-cao-loc", "huyen-loc-binh", True),
    2017: ("huyen-loc-binh", "huyen-van-lang", False),
    2018: ("huyen-van-lang", "huyen-trang-dinh", True),
    2019: ("huyen-trang-dinh", "huyen-dinh-lap", True),
    2020: ("huyen-dinh-lap", "huyen-cao-loc", True),
}


def _unit(slug, name, kind, *, short_name="", parent=None, valid_to=None):
    unit, _created = Unit.objects.update_or_create(
        slug=slug,
        defaults={"name": name, "short_name": short_name, "kind": kind, "parent": parent,
                  "valid_to": valid_to, "is_sample": False},
    )
    return unit


def _person(slug, full_name, gender, positions):
    person, _created = Person.objects.update_or_create(
        slug=slug, defaults={"full_name": full_name, "gender": gender, "is_sample": False,
                             "note": "Chức vụ ghi theo bài viết ngày 21/07/2017."},
    )
    for order, (title, unit) in enumerate(positions):
        Position.objects.update_or_create(person=person, unit=unit, title=title, defaults={"order": order})
    return person


@transaction.atomic
def load(*, stdout):
    province = _unit("tinh-lang-son", "Tỉnh Lạng Sơn", UnitKind.PROVINCE, short_name="Lạng Sơn")
    ubnd_tinh = _unit("ubnd-tinh-lang-son", "Ủy ban nhân dân tỉnh Lạng Sơn", UnitKind.PEOPLES_COMMITTEE,
                      short_name="UBND tỉnh Lạng Sơn", parent=province)
    so_noi_vu = _unit("so-noi-vu-tinh-lang-son", "Sở Nội vụ tỉnh Lạng Sơn", UnitKind.DEPARTMENT,
                      short_name="Sở Nội vụ", parent=province)
    ban_tdkt = _unit("ban-thi-dua-khen-thuong", "Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
                     UnitKind.OFFICE, short_name="Ban TĐKT", parent=so_noi_vu)
    phong_nv2 = _unit("phong-nghiep-vu-2", "Phòng Nghiệp vụ 2", UnitKind.OFFICE,
                      short_name="Phòng Nghiệp vụ 2", parent=ban_tdkt)

    districts = {}
    for slug, name, short in DISTRICTS:
        district = _unit(slug, name, UnitKind.DISTRICT, short_name=short, parent=province, valid_to=DISTRICTS_END)
        districts[slug] = district
        place = name.split(" ", 1)[1] if name.startswith("Huyện") else name[0].lower() + name[1:]
        kind_word = "huyện" if name.startswith("Huyện") else ""
        label = f"{kind_word} {place}".strip()
        _unit(f"ubnd-{slug}", f"Ủy ban nhân dân {label}", UnitKind.PEOPLES_COMMITTEE,
              short_name=f"UBND {label}", parent=district, valid_to=DISTRICTS_END)

    van_lang = districts["huyen-van-lang"]
    huyen_uy = _unit("huyen-uy-van-lang", "Huyện ủy Văn Lãng", UnitKind.PARTY, parent=van_lang,
                     valid_to=DISTRICTS_END)
    hoi_dong = _unit("hoi-dong-tdkt-huyen-van-lang", "Hội đồng Thi đua - Khen thưởng huyện Văn Lãng",
                     UnitKind.COUNCIL, short_name="Hội đồng TĐKT huyện Văn Lãng", parent=van_lang,
                     valid_to=DISTRICTS_END)
    _unit("phong-noi-vu-huyen-van-lang", "Phòng Nội vụ huyện Văn Lãng", UnitKind.OFFICE, parent=van_lang,
          valid_to=DISTRICTS_END)
    ubnd_van_lang = Unit.objects.get(slug="ubnd-huyen-van-lang")

    cluster, _created = Cluster.objects.update_or_create(
        slug=BORDER_CLUSTER,
        defaults={
            "kind": ClusterKind.CUM,
            "name": "Cụm thi đua các huyện biên giới",
            "aliases": "Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn\nCụm thi đua 5 huyện biên giới",
            "level": OrganisingLevel.PROVINCE,
            "organiser": ubnd_tinh,
            "valid_to": DISTRICTS_END,
            "description": (
                "Cụm thi đua của các huyện biên giới tỉnh Lạng Sơn. Kết thúc hoạt động khi cấp huyện "
                "chấm dứt từ ngày 01/07/2025; lịch sử của Cụm được giữ nguyên."
            ),
            "is_sample": False,
        },
    )
    for year in sorted(BORDER_ROLES):
        leader_slug, deputy_slug, is_sample = BORDER_ROLES[year]
        cluster_year = services.cluster_year_get_or_start(cluster=cluster, year=year)
        if cluster_year.is_sample != is_sample:
            cluster_year.is_sample = is_sample
            cluster_year.save(update_fields=["is_sample", "updated_at"])
        present = set(cluster_year.members.values_list("unit__slug", flat=True))
        for order, slug in enumerate(BORDER_MEMBERS, start=1):
            if slug not in present:
                services.cluster_member_add(cluster_year=cluster_year, unit=districts[slug], order=order)
        wanted = {Role.LEADER: districts[leader_slug].pk, Role.DEPUTY: districts[deputy_slug].pk}
        current = dict(cluster_year.members.exclude(role=Role.MEMBER).values_list("role", "unit_id"))
        if current != wanted:  # same roles already there (maybe elected by the meetings demo): keep their source
            services.cluster_year_set_roles(
                cluster_year=cluster_year, leader=districts[leader_slug], deputy=districts[deputy_slug],
                method=SelectionMethod.ELECTED, source_note=SAMPLE_NOTE if is_sample else SEED_NOTE, replace=True,
            )

    _person("nguyen-dinh-truong", "Nguyễn Đình Trường", Gender.MALE, [
        ("Phó Bí thư Huyện ủy", huyen_uy),
        ("Chủ tịch UBND huyện", ubnd_van_lang),
        ("Chủ tịch Hội đồng TĐKT huyện", hoi_dong),
    ])
    _person("nguyen-thu-hoai", "Nguyễn Thu Hoài", Gender.FEMALE, [("Phó trưởng ban", ban_tdkt)])
    _person("tran-van-ba", "Trần Văn Ba", Gender.MALE, [("Chuyên viên", phong_nv2)])
    stdout.write(f"clusters: {Unit.objects.count()} units, {ClusterYear.objects.count()} cluster years")
