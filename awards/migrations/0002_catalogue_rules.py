"""Production data: the catalogue of titles and forms (Luật 06/2022/QH15 Điều 9, 19–20), the
issuing authorities, who may grant what from 01/01/2024 (and the 01/07/2025 switch of the
district powers to the commune, as rows), and the base salary history.

Kept frozen here (not imported from app code) so that the migration replays the same way forever.
Later changes are new migrations or admin edits. Before 2024 no rule rows are loaded: domain.md
does not state them, so the service only warns on older decisions."""

import datetime
from decimal import Decimal

from django.db import migrations

# code, name, category, subject, level, has_classes, form 0603 column, counts for streak
AWARDS = [
    # emulation titles (Điều 19–20)
    ("national_emulation_fighter", "Chiến sĩ thi đua toàn quốc", "emulation_title", "individual", "state", False, "none", True),
    ("provincial_emulation_fighter", "Chiến sĩ thi đua cấp tỉnh", "emulation_title", "individual", "ministry_province", False, "cstd_tinh", True),
    ("grassroots_emulation_fighter", "Chiến sĩ thi đua cơ sở", "emulation_title", "individual", "grassroots", False, "none", True),
    ("advanced_worker", "Lao động tiên tiến", "emulation_title", "individual", "grassroots", False, "none", True),
    ("government_emulation_flag", "Cờ thi đua của Chính phủ", "emulation_title", "collective", "state", False, "none", True),
    ("provincial_emulation_flag", "Cờ thi đua của Ủy ban nhân dân tỉnh", "emulation_title", "collective", "ministry_province", False, "co_thi_dua_tinh", True),
    ("excellent_labour_collective", "Tập thể lao động xuất sắc", "emulation_title", "collective", "ministry_province", False, "none", True),
    ("advanced_labour_collective", "Tập thể lao động tiên tiến", "emulation_title", "collective", "grassroots", False, "none", True),
    ("model_commune_2024", "Xã, phường, thị trấn tiêu biểu", "emulation_title", "collective", "ministry_province", False, "none", True),
    ("model_commune", "Xã, phường, đặc khu tiêu biểu", "emulation_title", "collective", "ministry_province", False, "none", True),
    ("cultural_village", "Thôn, tổ dân phố văn hóa", "emulation_title", "collective", "district", False, "none", False),
    ("cultural_family", "Gia đình văn hóa", "emulation_title", "household", "commune", False, "none", False),
    # 1. Huân chương
    ("order_gold_star", "Huân chương Sao vàng", "order", "any", "state", False, "none", False),
    ("order_ho_chi_minh", "Huân chương Hồ Chí Minh", "order", "any", "state", False, "none", False),
    ("order_independence", "Huân chương Độc lập", "order", "any", "state", True, "none", False),
    ("order_military_exploit", "Huân chương Quân công", "order", "any", "state", True, "none", False),
    ("order_labour", "Huân chương Lao động", "order", "any", "state", True, "none", False),
    ("order_fatherland_defence", "Huân chương Bảo vệ Tổ quốc", "order", "any", "state", True, "none", False),
    ("order_feat_of_arms", "Huân chương Chiến công", "order", "any", "state", True, "none", False),
    ("order_great_national_unity", "Huân chương Đại đoàn kết dân tộc", "order", "any", "state", False, "none", False),
    ("order_bravery", "Huân chương Dũng cảm", "order", "individual", "state", False, "none", False),
    ("order_friendship", "Huân chương Hữu nghị", "order", "any", "state", False, "none", False),
    # 2. Huy chương
    ("medal_victory_banner", "Huy chương Quân kỳ quyết thắng", "medal", "individual", "state", False, "none", False),
    ("medal_national_security", "Huy chương Vì an ninh Tổ quốc", "medal", "individual", "state", False, "none", False),
    ("medal_glorious_fighter", "Huy chương Chiến sĩ vẻ vang", "medal", "individual", "state", True, "none", False),
    ("medal_friendship", "Huy chương Hữu nghị", "medal", "individual", "state", False, "none", False),
    ("medal_youth_volunteer", "Huy chương Thanh niên xung phong vẻ vang", "medal", "individual", "state", False, "none", False),
    # 3. Danh hiệu vinh dự nhà nước
    ("hero_province", "Tỉnh Anh hùng", "state_honorary_title", "collective", "state", False, "none", False),
    ("hero_city", "Thành phố Anh hùng", "state_honorary_title", "collective", "state", False, "none", False),
    ("heroic_mother", "Bà mẹ Việt Nam anh hùng", "state_honorary_title", "individual", "state", False, "none", False),
    ("hero_armed_forces", "Anh hùng Lực lượng vũ trang nhân dân", "state_honorary_title", "any", "state", False, "none", False),
    ("hero_labour", "Anh hùng Lao động", "state_honorary_title", "any", "state", False, "none", False),
    ("people_teacher", "Nhà giáo nhân dân", "state_honorary_title", "individual", "state", False, "none", False),
    ("merited_teacher", "Nhà giáo ưu tú", "state_honorary_title", "individual", "state", False, "none", False),
    ("people_physician", "Thầy thuốc nhân dân", "state_honorary_title", "individual", "state", False, "none", False),
    ("merited_physician", "Thầy thuốc ưu tú", "state_honorary_title", "individual", "state", False, "none", False),
    ("people_artist", "Nghệ sĩ nhân dân", "state_honorary_title", "individual", "state", False, "none", False),
    ("merited_artist", "Nghệ sĩ ưu tú", "state_honorary_title", "individual", "state", False, "none", False),
    ("people_artisan", "Nghệ nhân nhân dân", "state_honorary_title", "individual", "state", False, "none", False),
    ("merited_artisan", "Nghệ nhân ưu tú", "state_honorary_title", "individual", "state", False, "none", False),
    # 4. Giải thưởng
    ("ho_chi_minh_prize", "Giải thưởng Hồ Chí Minh", "prize", "any", "state", False, "none", False),
    ("state_prize", "Giải thưởng Nhà nước", "prize", "any", "state", False, "none", False),
    # 5. Kỷ niệm chương (form 0603 counts it as "Huy hiệu (kỷ niệm chương)")
    ("provincial_commemorative_medal", "Kỷ niệm chương của Ủy ban nhân dân tỉnh", "commemorative_medal", "individual", "ministry_province", False, "ky_niem_chuong", False),
    # 6. Bằng khen
    ("prime_minister_certificate", "Bằng khen của Thủ tướng Chính phủ", "certificate_of_merit", "any", "state", False, "none", False),
    ("provincial_certificate", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "certificate_of_merit", "any", "ministry_province", False, "bang_khen", False),
    # 7. Giấy khen: one award, granted by several authorities (the rules say which)
    ("certificate_of_commendation", "Giấy khen", "certificate_of_commendation", "any", "grassroots", False, "none", False),
    # honours outside the law: count toward no prerequisite
    ("excellent_emulation_flag", "Cờ thi đua xuất sắc", "custom", "collective", "ministry_province", False, "none", False),
    ("clean_strong", "Trong sạch vững mạnh", "custom", "collective", "grassroots", False, "none", False),
    ("model_entrepreneur", "Doanh nhân, Doanh nghiệp tiêu biểu", "custom", "any", "ministry_province", False, "none", False),
]

CLASSES = [("first", "Hạng Nhất", 1), ("second", "Hạng Nhì", 2), ("third", "Hạng Ba", 3)]

# code, name, level
ISSUERS = [
    ("president", "Chủ tịch nước", "state"),
    ("government", "Chính phủ", "state"),
    ("prime_minister", "Thủ tướng Chính phủ", "state"),
    ("provincial_chair", "Chủ tịch UBND tỉnh", "ministry_province"),
    ("unit_head", "Thủ trưởng cơ quan, đơn vị (Giám đốc Sở)", "department"),
    ("district_chair", "Chủ tịch UBND huyện", "district"),
    ("commune_chair", "Chủ tịch UBND xã", "commune"),
    ("enterprise_director", "Giám đốc doanh nghiệp", "enterprise"),
    ("board_chair", "Chủ tịch Hội đồng quản trị", "enterprise"),
]

PERIOD_A = (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30),
            "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP")
PERIOD_B = (datetime.date(2025, 7, 1), None,
            "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP; Nghị định 129/2025/NĐ-CP")

I, C, H = "individual", "collective", "household"
BASE_POWERS = ("advanced_labour_collective", C), ("grassroots_emulation_fighter", I), ("advanced_worker", I)
GIAY_KHEN = "certificate_of_commendation"

# (issuer, award, subject) per period; R5 of domain.md
COMMON = [
    ("government", "government_emulation_flag", C),
    ("prime_minister", "national_emulation_fighter", I),
    ("prime_minister", "prime_minister_certificate", I),
    ("prime_minister", "prime_minister_certificate", C),
    ("prime_minister", "prime_minister_certificate", H),
    ("provincial_chair", "provincial_emulation_flag", C),
    ("provincial_chair", "provincial_emulation_fighter", I),
    ("provincial_chair", "excellent_labour_collective", C),
    ("provincial_chair", "provincial_certificate", I),
    ("provincial_chair", "provincial_certificate", C),
    ("provincial_chair", "provincial_certificate", H),
    ("provincial_chair", "provincial_commemorative_medal", I),
    *[("unit_head", a, s) for a, s in BASE_POWERS],
    ("unit_head", GIAY_KHEN, I),
    ("unit_head", GIAY_KHEN, C),
    *[("enterprise_director", a, s) for a, s in BASE_POWERS],
    ("enterprise_director", GIAY_KHEN, I),
    ("enterprise_director", GIAY_KHEN, C),
    ("board_chair", GIAY_KHEN, I),
    ("board_chair", GIAY_KHEN, C),
    ("commune_chair", "advanced_worker", I),
    ("commune_chair", GIAY_KHEN, I),
    ("commune_chair", GIAY_KHEN, C),
    ("commune_chair", GIAY_KHEN, H),
    ("commune_chair", "cultural_family", H),
]
ONLY_A = [
    ("provincial_chair", "model_commune_2024", C),
    ("district_chair", "cultural_village", C),
    *[("district_chair", a, s) for a, s in BASE_POWERS],
    ("district_chair", GIAY_KHEN, I),
    ("district_chair", GIAY_KHEN, C),
    ("district_chair", GIAY_KHEN, H),
]
ONLY_B = [
    ("provincial_chair", "model_commune", C),
    # NĐ 129/2025 Điều 59: the commune chair takes the district chair's powers
    ("commune_chair", "cultural_village", C),
    ("commune_chair", "advanced_labour_collective", C),
    ("commune_chair", "grassroots_emulation_fighter", I),
]

# NĐ 152/2025 Điều 50–54 (R10); unknown values stay empty
MULTIPLIERS_B = {
    ("national_emulation_fighter", I): "4.5",
    ("provincial_emulation_fighter", I): "3.0",
    ("grassroots_emulation_fighter", I): "1.0",
    ("advanced_worker", I): "0.3",
    ("government_emulation_flag", C): "12",
    ("provincial_emulation_flag", C): "8",
    ("excellent_labour_collective", C): "1.5",
    ("advanced_labour_collective", C): "0.8",
    ("model_commune", C): "2.0",
    ("cultural_village", C): "1.5",
    ("prime_minister_certificate", C): "7",
    ("provincial_certificate", C): "3",
    (GIAY_KHEN, C): "0.6",
}

STATE_AWARD_CATEGORIES = {"order", "medal", "state_honorary_title", "prize"}

# valid_from, amount, legal basis (R10)
BASE_SALARIES = [
    (datetime.date(2016, 5, 1), 1_210_000, "Nghị định 47/2016/NĐ-CP"),
    (datetime.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    (datetime.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]


def load(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    AwardClass = apps.get_model("awards", "AwardClass")
    IssuerRole = apps.get_model("awards", "IssuerRole")
    AwardRule = apps.get_model("awards", "AwardRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")

    awards = {}
    for order, (code, name, category, subject, level, has_classes, column, streak) in enumerate(AWARDS, start=1):
        award, _ = Award.objects.update_or_create(code=code, defaults={
            "name": name, "category": category, "subject_type": subject, "level": level,
            "has_classes": has_classes, "form_0603_column": column, "counts_for_streak": streak,
            "legal_basis": "Luật Thi đua, khen thưởng 06/2022/QH15", "order": order * 10,
        })
        awards[code] = award
        if has_classes:
            for class_code, class_name, class_order in CLASSES:
                AwardClass.objects.update_or_create(
                    award=award, code=class_code, defaults={"name": class_name, "order": class_order}
                )

    issuers = {}
    for order, (code, name, level) in enumerate(ISSUERS, start=1):
        issuers[code], _ = IssuerRole.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "order": order * 10}
        )

    state_rows = []
    for code, _name, category, subject, *_rest in AWARDS:
        if category in STATE_AWARD_CATEGORIES:
            subjects = [I, C] if subject == "any" else [subject]
            state_rows += [("president", code, s) for s in subjects]

    for (valid_from, valid_to, basis), rows in (
        (PERIOD_A, COMMON + ONLY_A + state_rows),
        (PERIOD_B, COMMON + ONLY_B + state_rows),
    ):
        for issuer, award_code, subject in rows:
            multiplier = MULTIPLIERS_B.get((award_code, subject)) if valid_from == PERIOD_B[0] else None
            AwardRule.objects.update_or_create(
                award=awards[award_code], subject_type=subject, issuer_role=issuers[issuer], valid_from=valid_from,
                defaults={"valid_to": valid_to, "legal_basis": basis,
                          "cash_multiplier": Decimal(multiplier) if multiplier else None},
            )

    for valid_from, amount, basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
