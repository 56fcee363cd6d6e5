"""Demo commendation decisions of UBND tỉnh Lạng Sơn and of the border districts, 2016–2018.

Everything here is invented (is_sample=True), except the three movements named in the seed
article. The decisions go through the rule service like any other; their dates come before
the loaded rules (2024), so the service asks for confirmation and the demo gives it. Lines
still follow the 2024 powers: the provincial chair grants Bằng khen, Cờ thi đua, TTLĐXS; the
district chairs grant LĐTT, CSTĐ cơ sở, TTLĐTT, Giấy khen and Thôn văn hóa. Idempotent: a
decision is found again by its issuer, year, number and symbol (one known only from a news report,
without number or date, by its issuer, source and subject line) and its list is replaced.

One decision is recorded from a secondary source: a news report of the neighbouring province
that gives neither the number nor the signing date. Its public page says "chưa rõ" for both.

The 2017 Cờ thi đua goes to the unit ranked first at the border cluster's 2017 year-end review
(meetings/demo.py: Văn Lãng), not to the year's Trưởng cụm (Lộc Bình): the flag follows the
ranking (domain.md R6). Collective titles record their members and the share of them who are Lao
động tiên tiến, and the Chiến sĩ thi đua cơ sở of a year are among its Lao động tiên tiến."""

import datetime
from decimal import Decimal

from awards.models import (
    Award,
    AwardRule,
    AwardType,
    ClusterPact,
    Decision,
    Household,
    IssuerRole,
    Movement,
    MovementForm,
    MovementRegistration,
    MovementScope,
    PersonCategory,
    ProposalMemo,
    SigningForm,
    SourceKind,
    SubjectType,
)
from awards.services import decision_change, decision_issue, decision_revoke, decision_save_lines
from clusters.models import AdministrativeLevel, Cluster, Person, Unit, UnitKind
from portal.core.text import fold, vn_slugify

DISTRICT_END = datetime.date(2025, 6, 30)
DISTRICTS = {
    "huyen-loc-binh": "Lộc Bình", "huyen-van-lang": "Văn Lãng", "huyen-trang-dinh": "Tràng Định",
    "huyen-cao-loc": "Cao Lộc", "huyen-dinh-lap": "Đình Lập",
}
# invented communes and villages, two per district
COMMUNES = {
    "huyen-loc-binh": [("Tú Đoạn", ["Thôn Khòn Pát", "Thôn Nà Cạo"]), ("Khuất Xá", ["Thôn Pò Háng"])],
    "huyen-van-lang": [("Hoàng Văn Thụ", ["Thôn Nà Pàn", "Thôn Bản Chu"]), ("Tân Mỹ", ["Thôn Khòn Khuyên"])],
    "huyen-trang-dinh": [("Đề Thám", ["Thôn Nà Lẹng"]), ("Kim Đồng", ["Thôn Bản Slảng"])],
    "huyen-cao-loc": [("Thụy Hùng", ["Thôn Pò Mỏ"]), ("Gia Cát", ["Thôn Còn Quan"])],
    "huyen-dinh-lap": [("Bắc Xa", ["Thôn Bản Chắt"]), ("Kiên Mộc", ["Thôn Khe Hai"])],
}
SURNAMES = ["Hoàng", "Nông", "Lương", "Vi", "Lăng", "Hà", "Chu", "Triệu", "Lộc", "Mã", "Đinh", "Dương", "Hứa", "Lý"]
MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quang"], "female": ["Thị", "Thị Thu", "Thị Ngọc", "Thị Hồng"]}
GIVEN = {"male": ["Tuấn", "Hùng", "Dũng", "Khánh", "Thắng", "Lâm", "Phong", "Sơn", "Bình", "Cường", "Tiến"],
         "female": ["Hoa", "Lan", "Hằng", "Mai", "Nhung", "Thảo", "Yến", "Hương", "Liên", "Ngân", "Dung"]}
JOBS = [  # title as written, person category
    ("Nông dân", PersonCategory.DIRECT_WORKER), ("Công nhân", PersonCategory.DIRECT_WORKER),
    ("Tổ trưởng tổ sản xuất", PersonCategory.DIRECT_WORKER), ("Giáo viên", PersonCategory.DIRECT_WORKER),
    ("Y sĩ trạm y tế xã", PersonCategory.DIRECT_WORKER), ("Trưởng thôn", PersonCategory.DIRECT_WORKER),
    ("Chuyên viên", PersonCategory.OTHER), ("Phó Trưởng phòng", PersonCategory.OTHER_LEADER),
    ("Nông dân", PersonCategory.DIRECT_WORKER), ("Công nhân", PersonCategory.DIRECT_WORKER),
    ("Chủ tịch UBND xã", PersonCategory.OTHER_LEADER), ("Giám đốc hợp tác xã", PersonCategory.ENTREPRENEUR),
]
REASONS = {
    "merit": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
    "campaign": "Đã có thành tích xuất sắc trong phong trào thi đua “{movement}”",
    "ad_hoc": "Đã có thành tích xuất sắc đột xuất",
}


def _unit(slug, name, kind, parent=None, *, short_name="", valid_to=None, sample=True, external=False,
          admin_level=""):
    """Find a unit by its agreed slug; create it only when the clusters demo has not. The
    administrative level the rules check a signer against is filled where it is missing."""
    unit, _ = Unit.objects.get_or_create(slug=slug, defaults={
        "name": name, "short_name": short_name, "kind": kind, "parent": parent, "valid_to": valid_to,
        "is_sample": sample, "is_external": external, "admin_level": admin_level,
    })
    if admin_level and not unit.admin_level:
        Unit.objects.filter(pk=unit.pk).update(admin_level=admin_level)
        unit.admin_level = admin_level
    return unit


class Demo:
    def __init__(self):
        self.awards = {a.code: a for a in Award.objects.all()}
        self.roles = {r.code: r for r in IssuerRole.objects.all()}
        province = _unit("tinh-lang-son", "tỉnh Lạng Sơn", UnitKind.PROVINCE, sample=False,
                         admin_level=AdministrativeLevel.PROVINCE)
        self.ubnd_tinh = _unit("ubnd-tinh-lang-son", "UBND tỉnh Lạng Sơn", UnitKind.PEOPLES_COMMITTEE, province,
                               sample=False, admin_level=AdministrativeLevel.PROVINCE)
        so = _unit("so-noi-vu-tinh-lang-son", "Sở Nội vụ tỉnh Lạng Sơn", UnitKind.DEPARTMENT, province, sample=False)
        self.ban = _unit("ban-thi-dua-khen-thuong", "Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
                         UnitKind.OFFICE, so, sample=False)
        self.districts, self.ubnd_huyen, self.phong_noi_vu, self.communes, self.villages = {}, {}, {}, {}, {}
        for slug, short in DISTRICTS.items():
            district = _unit(slug, f"huyện {short}", UnitKind.DISTRICT, province, short_name=short,
                             valid_to=DISTRICT_END, sample=False, admin_level=AdministrativeLevel.DISTRICT)
            self.districts[slug] = district
            self.ubnd_huyen[slug] = _unit(f"ubnd-{slug}", f"UBND huyện {short}", UnitKind.PEOPLES_COMMITTEE,
                                          district, valid_to=DISTRICT_END, sample=False,
                                          admin_level=AdministrativeLevel.DISTRICT)
            self.phong_noi_vu[slug] = _unit(f"phong-noi-vu-{slug}", f"Phòng Nội vụ huyện {short}", UnitKind.OFFICE,
                                            self.ubnd_huyen[slug], valid_to=DISTRICT_END)
            self.communes[slug], self.villages[slug] = [], []
            for commune_name, villages in COMMUNES[slug]:
                commune = _unit(vn_slugify(f"xa {commune_name} {short}"), f"xã {commune_name}, huyện {short}",
                                UnitKind.COMMUNE, district, admin_level=AdministrativeLevel.COMMUNE)
                self.communes[slug].append(commune)
                for village in villages:
                    self.villages[slug].append(_unit(
                        vn_slugify(f"{village} {commune_name} {short}"),
                        f"{village}, xã {commune_name}, huyện {short}", UnitKind.VILLAGE, commune))
        self.cluster = Cluster.objects.filter(slug="cum-thi-dua-cac-huyen-bien-gioi").first()
        self.person_index = 0

    # --- subjects -----------------------------------------------------------------------------

    def person(self, district_slug, *, job=None, gender=None):
        """A deterministic invented person: the n-th call always gives the same one."""
        n = self.person_index
        self.person_index += 1
        gender = gender or ("female" if n % 2 else "male")
        name = (f"{SURNAMES[n % len(SURNAMES)]} {MIDDLE[gender][n % len(MIDDLE[gender])]} "
                f"{GIVEN[gender][(n * 7) % len(GIVEN[gender])]}")
        title, category = job or JOBS[n % len(JOBS)]
        commune = self.communes[district_slug][n % len(self.communes[district_slug])]
        person, _ = Person.objects.update_or_create(
            slug=f"mau-{vn_slugify(name)}-{n + 1}",
            defaults={"full_name": name, "gender": gender, "is_sample": True, "birth_year": 1965 + (n * 3) % 30},
        )
        return {"subject_type": SubjectType.INDIVIDUAL, "person": person, "name_text": name, "title_text": title,
                "unit_text": commune.name, "organisation": commune, "person_category": category, "gender": gender}

    def collective(self, unit, *, small=False, enterprise=False, organisation=None, members=None, share=None):
        """`members`, `share`: the members and the share of them who are Lao động tiên tiến, which
        the collective titles' standards read (invented, like the rest)."""
        return {"subject_type": SubjectType.COLLECTIVE, "unit": unit, "name_text": unit.name,
                "organisation": organisation or unit.parent, "is_small_collective": small,
                "is_enterprise": enterprise, "member_count": members,
                "advanced_worker_share": Decimal(share) if share is not None else None}

    def household(self, district_slug, n):
        commune = self.communes[district_slug][n % len(self.communes[district_slug])]
        head = f"{SURNAMES[(n + 5) % len(SURNAMES)]} Văn {GIVEN['male'][(n + 3) % len(GIVEN['male'])]}"
        household, _ = Household.objects.update_or_create(
            head_name=head, commune=commune, defaults={"address": commune.name, "is_sample": True},
        )
        return {"subject_type": SubjectType.HOUSEHOLD, "household": household, "name_text": f"Hộ ông {head}",
                "unit_text": commune.name, "organisation": commune}

    # --- decisions ----------------------------------------------------------------------------

    def decision(self, *, number, symbol="QĐ-UBND", signed_on, issuer_unit, role, signer, subject_line,
                 achievement_year, lines, award_type=AwardType.MERIT, movement=None, memo=None, source=None):
        """`source`: (name, address) of the secondary source a decision is known from; then the
        number and the date may be None, as the source leaves them."""
        signer_name, signer_title, signing_form = signer
        for line in lines:
            line.setdefault("reason", REASONS[award_type].format(
                year=achievement_year, movement=movement.name if movement else ""))
        fields = {
            "number": number, "symbol": symbol if number else "", "number_text": f"{number}/{symbol}" if number else "",
            "signed_on": signed_on, "issuer_role": self.roles[role], "issuer_unit": issuer_unit,
            "signer_name": signer_name, "signer_title": signer_title, "signing_form": signing_form,
            "subject_line": subject_line, "achievement_year": achievement_year, "award_type": award_type,
            "movement": movement, "is_published": True, "is_sample": True,
        }
        if source:
            fields |= {"source_kind": SourceKind.SECONDARY, "source_name": source[0], "source_url": source[1]}
        if number and signed_on:
            existing = Decision.objects.filter(issuer_unit=issuer_unit, year=signed_on.year, number=number,
                                               symbol=symbol).first()
        else:
            existing = Decision.objects.filter(issuer_unit=issuer_unit, source_url=fields.get("source_url", ""),
                                               subject_line=subject_line, number__isnull=True).first()
        if existing:
            for key, value in fields.items():
                setattr(existing, key, value)
            decision_change(decision=existing, confirm=True)
            # pre-2024 dates: no rules are loaded, so the service asks for the confirmation given here.
            # A revoked decision keeps its list as it was revoked (R11): nothing to refresh.
            if not existing.is_revoked:
                decision_save_lines(decision=existing, lines=lines, confirm=True, replace=True)
            decision = existing
        else:
            decision = decision_issue(lines=lines, confirm=True, **fields)
        if memo:
            decision.based_on.set([memo])
        return decision

    def memo(self, number_text, date, unit, summary, cluster=None):
        memo, _ = ProposalMemo.objects.update_or_create(
            number_text=number_text, submitting_unit=unit,
            defaults={"date": date, "summary": summary, "cluster": cluster, "is_sample": True},
        )
        return memo


# invented signers (the demo never puts a real official's name under an invented decision)
PROVINCE_SIGNERS = [("Vi Văn Sơn", "Phó Chủ tịch", SigningForm.KT), ("Lương Thị Mai", "Phó Chủ tịch", SigningForm.KT),
                    ("Hoàng Quốc Khánh", "Chủ tịch", SigningForm.OTHER)]
DISTRICT_SIGNER = {
    "huyen-van-lang": ("Triệu Văn Lâm", "Phó Chủ tịch", SigningForm.KT),
    "huyen-loc-binh": ("Chu Văn Thắng", "Phó Chủ tịch", SigningForm.KT),
    "huyen-trang-dinh": ("Lăng Văn Cường", "Chủ tịch", SigningForm.TM),  # for the UBND, on its behalf
    "huyen-cao-loc": ("Mã Thị Hằng", "Phó Chủ tịch", SigningForm.KT),
    "huyen-dinh-lap": ("Hứa Đức Phong", "Chủ tịch", SigningForm.OTHER),
}


MOVEMENT_TEXTS = {
    # name: (slogan, aims, award codes it leads to); general descriptions, no invented numbers
    "Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới": (
        "Chung sức xây dựng nông thôn mới",
        "Huy động mọi nguồn lực của Nhà nước và nhân dân xây dựng nông thôn mới; nâng cao đời sống vật chất "
        "và tinh thần của người dân nông thôn.",
        ["model_commune", "cultural_village", "provincial_certificate"],
    ),
    "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau": (
        "Không để ai bị bỏ lại phía sau",
        "Giảm nghèo nhanh và bền vững; hỗ trợ hộ nghèo, hộ cận nghèo về nhà ở, sinh kế, y tế và giáo dục.",
        ["provincial_certificate", "certificate_of_commendation"],
    ),
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh": (
        "",
        "Đưa việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh thành việc làm thường xuyên "
        "của mỗi cơ quan, đơn vị, cán bộ, đảng viên.",
        ["provincial_certificate", "excellent_labour_collective"],
    ),
}
# An invented cluster movement for the year of the seed, marked as sample data.
CLUSTER_MOVEMENT_2017 = "Thi đua hoàn thành thắng lợi nhiệm vụ năm 2017 của Cụm thi đua các huyện biên giới"


def _movements(demo):
    # The three movements named in the seed article (real names; their documents are not stated).
    seed = [
        ("Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới", MovementForm.REGULAR,
         MovementScope.PROVINCE, demo.ubnd_tinh),
        ("Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau", MovementForm.THEMATIC,
         MovementScope.NATIONAL, None),
        ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", MovementForm.REGULAR,
         MovementScope.NATIONAL, None),
    ]
    result = []
    for name, form, scope, launched_by in seed:
        movement = Movement.objects.filter(search_text=fold(name)).first() or Movement(name=name)
        movement.form, movement.scope = form, scope
        movement.launched_by = movement.launched_by or launched_by
        slogan, aims, award_codes = MOVEMENT_TEXTS[name]
        movement.slogan = movement.slogan or slogan
        movement.aims = movement.aims or aims
        movement.is_published = True
        movement.save()
        movement.awards.add(*[demo.awards[code] for code in award_codes if code in demo.awards])
        result.append(movement)
    _cluster_movement_2017(demo)
    _loc_binh_registration(demo, result[0])
    return result


def _cluster_movement_2017(demo) -> None:
    """A sample cluster movement of 2017 (ended) with the pact its leader unit filed."""
    from clusters.models import ClusterYear

    if demo.cluster is None:
        return
    movement = (Movement.objects.filter(search_text=fold(CLUSTER_MOVEMENT_2017)).first()
                or Movement(name=CLUSTER_MOVEMENT_2017))
    movement.form, movement.scope, movement.cluster = MovementForm.REGULAR, MovementScope.CLUSTER, demo.cluster
    movement.start_date, movement.end_date = datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)
    movement.slogan = movement.slogan or "Đoàn kết, hợp tác, thi đua hoàn thành xuất sắc nhiệm vụ"
    movement.criteria = movement.criteria or "Theo bảng tiêu chí, thang điểm thi đua của Cụm năm 2017."
    movement.is_published, movement.is_sample = True, True
    movement.save()
    movement.awards.add(*[demo.awards[code] for code in ["provincial_emulation_flag", "provincial_certificate"]
                          if code in demo.awards])
    year = ClusterYear.objects.filter(cluster=demo.cluster, year=2017).first()
    if year is not None and not ClusterPact.objects.filter(movement=movement, cluster_year=year).exists():
        ClusterPact.objects.create(movement=movement, cluster_year=year, signed_on=None,
                                   text="Các huyện thành viên cam kết thi đua hoàn thành các chỉ tiêu năm 2017 "
                                        "(dữ liệu mẫu).")


def _loc_binh_registration(demo, movement) -> None:
    """Lộc Bình's officer registered the district for the new countryside movement (sample data)."""
    from django.contrib.auth import get_user_model

    loc_binh = demo.districts.get("huyen-loc-binh")
    if loc_binh is None:
        return
    officer = get_user_model().objects.filter(username="locbinh").first()  # made by the back office's demo
    registration, _created = MovementRegistration.objects.get_or_create(
        movement=movement, unit=loc_binh,
        defaults={"content": "Huyện Lộc Bình đăng ký thi đua xây dựng nông thôn mới (dữ liệu mẫu).",
                  "registered_by": officer},
    )
    if registration.registered_by_id is None and officer is not None:
        registration.registered_by = officer
        registration.save(update_fields=["registered_by"])


def _leading_unit_2017(demo) -> tuple[Unit, bool]:
    """The unit ranked first at the border cluster's 2017 year-end review, as the meetings demo
    records it, and whether that ranking was read (else its first unit, by the same list)."""
    from meetings.demo import RANKING_2017
    from meetings.models import MeetingKind, Ranking

    first = (Ranking.objects.filter(meeting__cluster_year__cluster=demo.cluster, meeting__cluster_year__year=2017,
                                    meeting__kind=MeetingKind.YEAR_END_REVIEW, rank=1)
             .select_related("unit").first()) if demo.cluster else None
    if first is not None:
        return first.unit, True
    return demo.districts[RANKING_2017[0][0]], False


def load(*, stdout):
    demo = Demo()
    nong_thon_moi, giam_ngheo, _hcm = _movements(demo)
    awards = demo.awards
    A = lambda code: {"award": awards[code]}  # noqa: E731

    # 2016: provincial TTLĐXS; Tràng Định LĐTT and CSTĐ cơ sở
    demo.decision(
        number=2345, signed_on=datetime.date(2016, 12, 28), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[0], achievement_year=2016,
        subject_line="Về việc tặng danh hiệu Tập thể lao động xuất sắc năm 2016",
        lines=[demo.collective(demo.phong_noi_vu[s], members=6 + n, share="83.33") | A("excellent_labour_collective")
               for n, s in enumerate(DISTRICTS)]
        + [demo.collective(demo.ban, organisation=demo.ban.parent, members=9, share="77.78")
           | A("excellent_labour_collective")]
        + [demo.collective(demo.communes[s][0], members=22, share="72.73") | A("excellent_labour_collective")
           for s in ("huyen-loc-binh", "huyen-cao-loc")],
    )
    slug = "huyen-trang-dinh"
    workers = [demo.person(slug) for _ in range(8)]  # the year's CSTĐ cơ sở are among its LĐTT
    demo.decision(
        number=2105, signed_on=datetime.date(2016, 12, 26), issuer_unit=demo.ubnd_huyen[slug], role="district_chair",
        signer=DISTRICT_SIGNER[slug], achievement_year=2016,
        subject_line="Về việc công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở năm 2016",
        lines=[w | A("advanced_worker") for w in workers]
        + [w | A("grassroots_emulation_fighter") for w in workers[:3]],
    )

    # 2017: provincial Bằng khen (merit 2016, campaign), district lists
    memo_lb = demo.memo("45/TTr-UBND", datetime.date(2017, 1, 5), demo.ubnd_huyen["huyen-loc-binh"],
                        "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2016")
    demo.decision(
        number=98, signed_on=datetime.date(2017, 1, 18), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[1], achievement_year=2016, memo=memo_lb,
        subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân đã có thành tích "
                     "xuất sắc trong thực hiện nhiệm vụ năm 2016",
        lines=[demo.collective(demo.villages["huyen-loc-binh"][i], small=True) | A("provincial_certificate")
               for i in range(2)]
        + [demo.collective(demo.communes["huyen-loc-binh"][1]) | A("provincial_certificate")]
        + [demo.person("huyen-loc-binh") | A("provincial_certificate") for _ in range(9)],
    )
    demo.decision(
        number=2456, signed_on=datetime.date(2017, 12, 15), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[0], achievement_year=2017, award_type=AwardType.CAMPAIGN, movement=nong_thon_moi,
        subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân, hộ gia đình có thành "
                     "tích xuất sắc trong phong trào thi đua “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới”",
        lines=[demo.collective(v, small=True) | A("provincial_certificate")
               for s in ("huyen-van-lang", "huyen-cao-loc", "huyen-dinh-lap") for v in demo.villages[s][:1]]
        + [demo.person(s, job=("Nông dân", PersonCategory.DIRECT_WORKER)) | A("provincial_certificate")
           for s in ("huyen-van-lang", "huyen-cao-loc", "huyen-dinh-lap", "huyen-trang-dinh") for _ in range(2)]
        + [demo.household(s, 1) | A("provincial_certificate") for s in ("huyen-van-lang", "huyen-loc-binh")],
    )
    slug = "huyen-loc-binh"
    demo.decision(
        number=845, signed_on=datetime.date(2017, 7, 20), issuer_unit=demo.ubnd_huyen[slug], role="district_chair",
        signer=DISTRICT_SIGNER[slug], achievement_year=2017, award_type=AwardType.CAMPAIGN, movement=giam_ngheo,
        subject_line="Về việc tặng Giấy khen cho các tập thể, cá nhân, hộ gia đình có thành tích xuất sắc trong "
                     "phong trào “Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau” "
                     "6 tháng đầu năm 2017",
        lines=[demo.collective(v, small=True) | A("certificate_of_commendation") for v in demo.villages[slug]]
        + [demo.person(slug, job=("Nông dân", PersonCategory.DIRECT_WORKER)) | A("certificate_of_commendation")
           for _ in range(5)]
        + [demo.household(slug, n) | A("certificate_of_commendation") for n in range(2)],
    )
    slug = "huyen-van-lang"
    workers = [demo.person(slug) for _ in range(14)]
    demo.decision(
        number=1520, signed_on=datetime.date(2017, 12, 20), issuer_unit=demo.ubnd_huyen[slug], role="district_chair",
        signer=DISTRICT_SIGNER[slug], achievement_year=2017,
        subject_line="Về việc công nhận danh hiệu Lao động tiên tiến năm 2017",
        lines=[w | A("advanced_worker") for w in workers],
    )
    demo.decision(
        number=1535, signed_on=datetime.date(2017, 12, 22), issuer_unit=demo.ubnd_huyen[slug], role="district_chair",
        signer=DISTRICT_SIGNER[slug], achievement_year=2017,
        subject_line="Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến năm 2017",
        lines=[w | A("grassroots_emulation_fighter") for w in workers[:5]]
        + [demo.collective(c, members=18 + 3 * n, share="61.11") | A("advanced_labour_collective")
           for n, c in enumerate(demo.communes[slug])]
        + [demo.collective(v, small=True, members=12, share="58.33") | A("advanced_labour_collective")
           for v in demo.villages[slug]],
    )

    # 2018: the Cờ for the border cluster's leading unit, Bằng khen 2018, district lists
    memo_cluster = demo.memo("02/TTr-CTĐ", datetime.date(2018, 1, 8), demo.ubnd_huyen["huyen-loc-binh"],
                             "Đề nghị tặng Cờ thi đua của UBND tỉnh cho đơn vị dẫn đầu Cụm thi đua các huyện biên "
                             "giới năm 2017", cluster=demo.cluster)
    leading, ranked = _leading_unit_2017(demo)
    flag = demo.collective(leading) | A("provincial_emulation_flag")
    flag["cluster"] = demo.cluster
    flag["reason"] = "Đơn vị dẫn đầu phong trào thi đua Cụm thi đua các huyện biên giới năm 2017"
    flag["fund"] = "Quỹ thi đua, khen thưởng tỉnh"
    if not ranked:
        # loaded without the meetings demo: the ranking the flag follows is not there to read
        flag["confirmation_reason"] = ("Dữ liệu mẫu: bảng xếp hạng hội nghị tổng kết năm 2017 của Cụm chưa được "
                                       "nạp; đơn vị xếp thứ nhất theo dữ liệu mẫu của hội nghị")
    demo.decision(
        number=163, signed_on=datetime.date(2018, 1, 25), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[2], achievement_year=2017, memo=memo_cluster,
        subject_line="Về việc tặng Cờ thi đua của UBND tỉnh và danh hiệu Tập thể lao động xuất sắc năm 2017",
        lines=[flag]
        + [demo.collective(demo.phong_noi_vu[s], members=7, share="85.71") | A("excellent_labour_collective")
           for s in ("huyen-van-lang", "huyen-trang-dinh", "huyen-dinh-lap")],
    )
    demo.decision(
        number=2520, signed_on=datetime.date(2018, 12, 28), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[1], achievement_year=2018,
        subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân đã có thành tích "
                     "xuất sắc trong thực hiện nhiệm vụ năm 2018",
        lines=[demo.collective(demo.communes[s][1]) | A("provincial_certificate") for s in DISTRICTS]
        + [demo.person(s) | A("provincial_certificate") for s in DISTRICTS for _ in range(2)],
    )
    slug = "huyen-cao-loc"
    demo.decision(
        number=3012, signed_on=datetime.date(2018, 12, 25), issuer_unit=demo.ubnd_huyen[slug], role="district_chair",
        signer=DISTRICT_SIGNER[slug], achievement_year=2018,
        subject_line="Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc năm 2018",
        lines=[demo.collective(v, small=True) | A("certificate_of_commendation") for v in demo.villages[slug]]
        + [demo.person(slug) | A("certificate_of_commendation") for _ in range(7)],
    )
    slug = "huyen-dinh-lap"
    demo.decision(
        number=1876, signed_on=datetime.date(2018, 11, 30), issuer_unit=demo.ubnd_huyen[slug], role="district_chair",
        signer=DISTRICT_SIGNER[slug], achievement_year=2018,
        subject_line="Về việc công nhận danh hiệu Thôn văn hóa năm 2018",
        lines=[demo.collective(v, small=True) | A("cultural_village") for v in demo.villages[slug]],
    )

    # a decision revoked later: it stays public, marked, and leaves the statistics
    slug = "huyen-van-lang"
    revoked = demo.decision(
        number=412, signed_on=datetime.date(2018, 3, 12), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[0], achievement_year=2017, award_type=AwardType.AD_HOC,
        subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân có thành tích xuất sắc đột xuất",
        lines=[demo.person(slug, job=("Công nhân", PersonCategory.DIRECT_WORKER)) | A("provincial_certificate")],
    )
    revoking = demo.decision(
        number=1290, signed_on=datetime.date(2018, 8, 15), issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=PROVINCE_SIGNERS[2], achievement_year=None, award_type=AwardType.AD_HOC,
        subject_line="Về việc thu hồi Quyết định số 412/QĐ-UBND ngày 12/3/2018 của Chủ tịch UBND tỉnh", lines=[],
    )
    decision_revoke(decision=revoked, revoked_by=revoking, revoked_on=revoking.signed_on)

    # Known only from a news report of another province (invented, like the rest): it names the
    # award and who received it, not the decision's number or signing date. The recipient is an
    # external unit: named on the line, kept out of the filters.
    bac_ninh = _unit("so-noi-vu-tinh-bac-ninh", "Sở Nội vụ tỉnh Bắc Ninh", UnitKind.DEPARTMENT, external=True)
    demo.decision(
        number=None, signed_on=None, issuer_unit=demo.ubnd_tinh, role="provincial_chair",
        signer=("", "", SigningForm.TM), achievement_year=2018, award_type=AwardType.AD_HOC,
        source=("Báo Bắc Ninh (tin mẫu)", "https://bao-bac-ninh.example/tin-mau/so-noi-vu-nhan-bang-khen-lang-son"),
        subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh Lạng Sơn cho Sở Nội vụ tỉnh Bắc Ninh",
        lines=[demo.collective(bac_ninh) | A("provincial_certificate") | {
            "unit_text": "tỉnh Bắc Ninh",
            "reason": "Đã có thành tích trong phối hợp, trao đổi kinh nghiệm công tác thi đua, khen thưởng năm 2018"}],
    )
    count = Decision.objects.filter(is_sample=True).count()
    stdout.write(f"awards: {count} sample decisions")
    _cite_library()


# The law and the decree in force on a date (shared/domain.md §1): what a decision of that date
# cites, and what each dated rule was made under.
_LAWS = [(datetime.date(2024, 1, 1), "luat-thi-dua-khen-thuong-so-06-2022-qh15"),
         (datetime.date(1900, 1, 1), "luat-thi-dua-khen-thuong-so-15-2003-qh11")]
_DECREES = [(datetime.date(2025, 7, 1), "nghi-dinh-so-152-2025-nd-cp"),
            (datetime.date(2024, 1, 1), "nghi-dinh-so-98-2023-nd-cp"),
            (datetime.date(2017, 7, 31), "nghi-dinh-so-91-2017-nd-cp"),
            (datetime.date(1900, 1, 1), "nghi-dinh-so-42-2010")]


def _in_force(table, day):
    return next(slug for start, slug in table if day >= start)


def _cite_library() -> None:
    """Link the demo's decisions and rules to the library's documents (when the library's demo
    is loaded): the decisions cite the law and the decree in force when signed; a rule is made
    under the library's document whose number its legal basis names."""
    from documents.models import Document

    library = {doc.slug: doc for doc in Document.objects.filter(slug__in=[s for _d, s in _LAWS + _DECREES])}
    if not library:
        return
    for decision in Decision.objects.filter(is_sample=True, signed_on__isnull=False):
        day = decision.signed_on
        cited = [library.get(_in_force(_LAWS, day)), library.get(_in_force(_DECREES, day))]
        decision.legal_bases.add(*[doc for doc in cited if doc is not None])
    numbered = [doc for doc in Document.objects.exclude(number="") if "/" in doc.number]
    for rule in AwardRule.objects.filter(basis_document__isnull=True):
        found = next((doc for doc in numbered if doc.number in rule.legal_basis), None)
        if found is not None:
            AwardRule.objects.filter(pk=rule.pk).update(basis_document=found)
