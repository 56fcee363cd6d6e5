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
    Succession,
    SuccessionKind,
    Unit,
    UnitKind,
    UnitName,
    UnitParent,
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


def _unit(slug, name, kind, *, short_name="", parent=None, valid_to=None, valid_from=None, is_sample=False,
          **extra):
    unit, _created = Unit.objects.update_or_create(
        slug=slug,
        defaults={"name": name, "short_name": short_name, "kind": kind, "parent": parent, "valid_from": valid_from,
                  "valid_to": valid_to, "is_sample": is_sample, **extra},
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
    # the administrative level: a decision's signer is checked against it (awards/rules.py)
    province = _unit("tinh-lang-son", "Tỉnh Lạng Sơn", UnitKind.PROVINCE, short_name="Lạng Sơn",
                     admin_level="province")
    ubnd_tinh = _unit("ubnd-tinh-lang-son", "Ủy ban nhân dân tỉnh Lạng Sơn", UnitKind.PEOPLES_COMMITTEE,
                      short_name="UBND tỉnh Lạng Sơn", parent=province, admin_level="province")
    so_noi_vu = _unit("so-noi-vu-tinh-lang-son", "Sở Nội vụ tỉnh Lạng Sơn", UnitKind.DEPARTMENT,
                      short_name="Sở Nội vụ", parent=province)
    ban_tdkt = _unit("ban-thi-dua-khen-thuong", "Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
                     UnitKind.OFFICE, short_name="Ban TĐKT", parent=so_noi_vu)
    phong_nv2 = _unit("phong-nghiep-vu-2", "Phòng Nghiệp vụ 2", UnitKind.OFFICE,
                      short_name="Phòng Nghiệp vụ 2", parent=ban_tdkt)

    districts = {}
    for slug, name, short in DISTRICTS:
        district = _unit(slug, name, UnitKind.DISTRICT, short_name=short, parent=province, valid_to=DISTRICTS_END,
                         admin_level="district")
        districts[slug] = district
        place = name.split(" ", 1)[1] if name.startswith("Huyện") else name[0].lower() + name[1:]
        kind_word = "huyện" if name.startswith("Huyện") else ""
        label = f"{kind_word} {place}".strip()
        _unit(f"ubnd-{slug}", f"Ủy ban nhân dân {label}", UnitKind.PEOPLES_COMMITTEE,
              short_name=f"UBND {label}", parent=district, valid_to=DISTRICTS_END, admin_level="district")

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
        # the demo states these lists (the seed's for 2017, invented and marked for the others)
        services.cluster_year_confirm_members(cluster_year=cluster_year)
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
    _history_examples(province=province, ubnd_tinh=ubnd_tinh, so_noi_vu=so_noi_vu, districts=districts)
    stdout.write(f"clusters: {Unit.objects.count()} units, {ClusterYear.objects.count()} cluster years")


REORGANISATION = datetime.date(2025, 7, 1)
KHOI_SLUG = "khoi-thi-dua-cac-so-ban-nganh-tong-hop"


def _history_examples(*, province, ubnd_tinh, so_noi_vu, districts):
    """One of each record the sources force on us, all marked as sample data (dates and lists
    invented for the demo): a khối of provincial departments with a member that left in the
    year and a leader whose election the source does not describe, a renamed unit, a commune
    re-parented on 01/07/2025, a district split into communes, and an external unit."""
    # a renamed unit: Thị trấn Na Sầm became Xã Na Sầm when "thị trấn" disappeared
    van_lang = districts["huyen-van-lang"]
    na_sam = _unit("xa-na-sam", "Xã Na Sầm", UnitKind.COMMUNE, parent=province, is_sample=True,
                   admin_level="commune")
    UnitName.objects.update_or_create(unit=na_sam, name="Thị trấn Na Sầm", defaults={
        "valid_to": DISTRICTS_END, "legal_basis": "Dữ liệu mẫu"})
    UnitName.objects.update_or_create(unit=na_sam, name="Xã Na Sầm", defaults={
        "valid_from": REORGANISATION, "legal_basis": "Dữ liệu mẫu"})
    # re-parented: under the district until 30/06/2025, under the province since
    UnitParent.objects.update_or_create(unit=na_sam, parent=van_lang, defaults={"valid_to": DISTRICTS_END})
    UnitParent.objects.update_or_create(unit=na_sam, parent=province, defaults={"valid_from": REORGANISATION})
    # a split: Huyện Cao Lộc's duties went to several communes
    cao_loc = districts["huyen-cao-loc"]
    for slug, name in (("xa-dong-dang", "Xã Đồng Đăng"), ("xa-cao-loc", "Xã Cao Lộc")):
        commune = _unit(slug, name, UnitKind.COMMUNE, parent=province, valid_from=REORGANISATION, is_sample=True,
                        admin_level="commune")
        Succession.objects.update_or_create(predecessor=cao_loc, successor=commune, defaults={
            "kind": SuccessionKind.SPLIT, "date": REORGANISATION, "legal_basis": "Dữ liệu mẫu"})
    # an external unit: named on decisions, no page of its own
    _unit("so-noi-vu-tinh-bac-ninh", "Sở Nội vụ tỉnh Bắc Ninh", UnitKind.DEPARTMENT, is_external=True,
          is_sample=True)

    # a khối of provincial departments
    departments = [so_noi_vu] + [
        _unit(slug, name, UnitKind.DEPARTMENT, parent=province, is_sample=True, valid_to=end)
        for slug, name, end in (
            ("so-tai-chinh-tinh-lang-son", "Sở Tài chính tỉnh Lạng Sơn", None),
            ("so-ke-hoach-va-dau-tu-tinh-lang-son", "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn",
             datetime.date(2025, 2, 28)),
            ("thanh-tra-tinh-lang-son", "Thanh tra tỉnh Lạng Sơn", None),
        )
    ]
    khoi, _created = Cluster.objects.update_or_create(slug=KHOI_SLUG, defaults={
        "kind": ClusterKind.KHOI, "name": "Khối thi đua các sở, ban, ngành tổng hợp",
        "level": OrganisingLevel.PROVINCE, "organiser": ubnd_tinh, "is_sample": True,
        "description": "Dữ liệu mẫu: một khối thi đua các cơ quan chuyên môn cấp tỉnh của Lạng Sơn.",
    })
    for year in (2024, 2025):
        cluster_year = ClusterYear.objects.filter(cluster=khoi, year=year).first() or services.cluster_year_start(
            cluster=khoi, year=year, copy_members=False)
        ClusterYear.objects.filter(pk=cluster_year.pk).update(is_sample=True)
        present = set(cluster_year.members.values_list("unit_id", flat=True))
        for order, unit in enumerate(departments, start=1):
            if unit.pk in present or not unit.exists_in_year(year):
                continue
            # the planning department merged into finance: a member for two months of 2025
            end = unit.valid_to if unit.valid_to and unit.valid_to.year == year else None
            services.cluster_member_add(cluster_year=cluster_year, unit=unit, order=order, valid_to=end)
        services.cluster_year_confirm_members(cluster_year=cluster_year)
        # 2025's roles come from the khối's year-end review (the meetings demo), by consensus
        if year == 2024 and not cluster_year.members.filter(role=Role.LEADER).exists():
            leader, deputy = departments[1], departments[3]
            services.cluster_year_set_roles(
                cluster_year=cluster_year, leader=leader, deputy=deputy, method=SelectionMethod.UNKNOWN,
                source_note=SAMPLE_NOTE,
            )
