"""Demo library: the laws, decrees, circulars and guidance named in shared/domain.md §1, and the
provincial plan the seed meeting was held under. Real documents, so not marked as sample.

Faithful to the notes and nothing more: numbers as the notes write them ("NĐ 42/2010" stays
"42/2010", its symbol not completed from memory), dates only where the notes give them
(Nghị định 91/2017/NĐ-CP signed 31/7/2017; Luật 06/2022/QH15 in force from 01/01/2024;
Nghị định 152/2025/NĐ-CP from 01/07/2025), every other date left unknown ("chưa rõ") for staff
to fill from the signed copy. The issuing body is the one the symbol names (QH: Quốc hội, NĐ-CP:
Chính phủ, TT-BNV: Bộ Nội vụ). The summaries are ours and say so.

The links are those the notes state: the period table's succession (15/2003 → 06/2022,
42/2010 → 91/2017 → 98/2023, 98/2023 and 28/2024 → 152/2025) and each period's decrees guiding
its law. Whether TT 15/2025/TT-BNV replaced HD 1479/HD-BTĐKT is an open question of the notes
(§8 no. 4), so no link says so.

Idempotent: documents are found by their slugs; links by (from, to, kind)."""

import datetime

from clusters.models import Unit

from . import services
from .models import Document, DocumentKind, LinkKind

SOURCE = ("Số hiệu, ngày tháng và quan hệ giữa các văn bản theo ghi chú nghiệp vụ của dự án (domain.md §1); "
          "ngày chưa rõ chờ cán bộ bổ sung từ bản gốc.")

PLAN_SLUG = "ke-hoach-cong-tac-thi-dua-khen-thuong-nam-2017-cua-ubnd-tinh-lang-son"
LAW = "Luật Thi đua, khen thưởng"
PROVINCE = "UBND tỉnh Lạng Sơn"

# slug: the fields of the record (issuer_unit_slug names the issuer's unit record)
DOCUMENTS = {
    "luat-thi-dua-khen-thuong-so-15-2003-qh11": {
        "kind": DocumentKind.LAW, "number": "15/2003/QH11", "title": LAW, "issuer_name": "Quốc hội",
        "summary": "Luật Thi đua, khen thưởng năm 2003, được sửa đổi, bổ sung các năm 2005, 2009 và 2013; căn cứ "
                   "của công tác thi đua, khen thưởng đến hết ngày 31/12/2023. Trong giai đoạn này, tập thể lao động "
                   "tiên tiến cần trên 50% cá nhân đạt Lao động tiên tiến; Chiến sĩ thi đua cơ sở cần có sáng kiến; "
                   "“Huy hiệu” là một hình thức khen thưởng.",
    },
    "luat-thi-dua-khen-thuong-so-06-2022-qh15": {
        "kind": DocumentKind.LAW, "number": "06/2022/QH15", "title": LAW, "issuer_name": "Quốc hội",
        "effective_on": datetime.date(2024, 1, 1), "source_note": "Công báo số 571+572/2022.",
        "summary": "Luật Thi đua, khen thưởng hiện hành, có hiệu lực từ ngày 01/01/2024, thay thế Luật năm 2003. "
                   "Quy định các hình thức khen thưởng (Điều 9), các danh hiệu thi đua (Điều 19–20) và tiêu chuẩn "
                   "từng danh hiệu; tập thể lao động tiên tiến cần từ 70% cá nhân đạt Lao động tiên tiến, sáng kiến "
                   "không còn bắt buộc. Một dự thảo sửa đổi 47 điều của Luật đang được xem xét.",
    },
    "nghi-dinh-so-42-2010": {
        "kind": DocumentKind.DECREE, "number": "42/2010", "issuer_name": "Chính phủ",
        "summary": "Nghị định hướng dẫn thi hành Luật Thi đua, khen thưởng năm 2003; được thay thế bởi Nghị định "
                   "91/2017/NĐ-CP.",
    },
    "nghi-dinh-so-91-2017-nd-cp": {
        "kind": DocumentKind.DECREE, "number": "91/2017/NĐ-CP", "issuer_name": "Chính phủ",
        "signed_on": datetime.date(2017, 7, 31),
        "summary": "Nghị định quy định chi tiết thi hành Luật Thi đua, khen thưởng năm 2003, thay thế Nghị định "
                   "42/2010; căn cứ đến hết ngày 31/12/2023. Số Chiến sĩ thi đua cơ sở không quá 15% số cá nhân "
                   "đạt Lao động tiên tiến (Điều 9.3); Cờ thi đua của Chính phủ xét trong các đơn vị dẫn đầu cụm, "
                   "khối, tối đa 20%.",
    },
    "nghi-dinh-so-98-2023-nd-cp": {
        "kind": DocumentKind.DECREE, "number": "98/2023/NĐ-CP", "issuer_name": "Chính phủ",
        "summary": "Nghị định quy định chi tiết thi hành Luật Thi đua, khen thưởng năm 2022, căn cứ trong giai đoạn "
                   "01/01/2024 – 30/06/2025. Bỏ phiếu kín khi xét Chiến sĩ thi đua, Cờ thi đua và danh hiệu Anh "
                   "hùng (Điều 30.7); hồ sơ đề nghị Cờ thi đua của Chính phủ gửi trước ngày 30/6 (Điều 32).",
    },
    "nghi-dinh-so-28-2024-nd-cp": {
        "kind": DocumentKind.DECREE, "number": "28/2024/NĐ-CP", "issuer_name": "Chính phủ",
        "summary": "Nghị định áp dụng cùng Nghị định 98/2023/NĐ-CP trong giai đoạn 01/01/2024 – 30/06/2025; bị "
                   "Nghị định 152/2025/NĐ-CP bãi bỏ.",
    },
    "nghi-dinh-so-152-2025-nd-cp": {
        "kind": DocumentKind.DECREE, "number": "152/2025/NĐ-CP", "issuer_name": "Chính phủ",
        "effective_on": datetime.date(2025, 7, 1),
        "summary": "Nghị định quy định chi tiết thi hành Luật Thi đua, khen thưởng, có hiệu lực từ ngày "
                   "01/07/2025, bãi bỏ các Nghị định 98/2023/NĐ-CP và 28/2024/NĐ-CP. Quy định các mẫu hồ sơ (tờ "
                   "trình theo Mẫu 01, 11 mẫu báo cáo thành tích), mức tiền thưởng theo hệ số lương cơ sở (Điều "
                   "50–54); khen thưởng đột xuất và theo chuyên đề không được tính khi xét các khen thưởng đòi hỏi "
                   "thành tích nhiều năm liên tục (Điều 4).",
    },
    "nghi-dinh-so-129-2025-nd-cp": {
        "kind": DocumentKind.DECREE, "number": "129/2025/NĐ-CP", "issuer_name": "Chính phủ",
        "summary": "Nghị định về thẩm quyền khi tổ chức chính quyền địa phương hai cấp: cấp huyện không còn; Chủ "
                   "tịch Ủy ban nhân dân cấp xã thực hiện thẩm quyền khen thưởng trước đây của Chủ tịch Ủy ban nhân "
                   "dân cấp huyện từ ngày 01/07/2025 (Điều 59).",
    },
    "thong-tu-so-15-2025-tt-bnv": {
        "kind": DocumentKind.CIRCULAR, "number": "15/2025/TT-BNV", "issuer_name": "Bộ Nội vụ",
        "summary": "Thông tư của Bộ Nội vụ thuộc căn cứ pháp lý về thi đua, khen thưởng từ ngày 01/07/2025. Chưa "
                   "rõ Thông tư có thay thế Hướng dẫn 1479/HD-BTĐKT về cụm, khối thi đua hay không.",
    },
    "thong-tu-so-02-2023-tt-bnv": {
        "kind": DocumentKind.CIRCULAR, "number": "02/2023/TT-BNV", "issuer_name": "Bộ Nội vụ",
        "summary": "Thông tư có các biểu mẫu thống kê về thi đua, khen thưởng 0601–0605 (0601: số phong trào thi "
                   "đua; 0602: khen thưởng cấp Nhà nước; …), báo cáo hằng năm, hạn gửi ngày 15/12.",
    },
    "nghi-dinh-so-73-2024": {
        "kind": DocumentKind.DECREE, "number": "73/2024", "issuer_name": "Chính phủ",
        "summary": "Nghị định về mức lương cơ sở: 2.340.000 đồng/tháng từ ngày 01/07/2024, làm căn cứ tính tiền "
                   "thưởng theo hệ số.",
    },
    "huong-dan-so-1479-hd-btdkt": {
        "kind": DocumentKind.GUIDANCE, "number": "1479/HD-BTĐKT", "year": 2016,
        "issuer_name": "Ban Thi đua - Khen thưởng Trung ương",
        "summary": "Hướng dẫn về cụm, khối thi đua: Ủy ban nhân dân tỉnh chia các đơn vị thành cụm, khối thi đua "
                   "theo đặc điểm và chức năng; hằng năm phát động thi đua, ký kết giao ước và tổ chức sơ kết, tổng "
                   "kết (mục I.1). Chưa rõ còn hiệu lực hay đã được thay thế bởi Thông tư 15/2025/TT-BNV.",
    },
    "quyet-dinh-so-30-2014-qd-ubnd": {
        "kind": DocumentKind.DECISION, "number": "30/2014/QĐ-UBND", "issuer_name": PROVINCE,
        "issuer_unit_slug": "ubnd-tinh-lang-son",
        "summary": "Quy định của tỉnh Lạng Sơn về công tác thi đua, khen thưởng, bổ sung cho luật và nghị định. "
                   "Văn bản hiện hành của tỉnh (nếu đã thay thế) chưa được tìm thấy.",
    },
    PLAN_SLUG: {
        "kind": DocumentKind.PLAN, "number": "", "issuer_name": PROVINCE, "issuer_unit_slug": "ubnd-tinh-lang-son",
        "title": "Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn",
        "source_note": "Bài viết ngày 21/07/2017 về Hội nghị sơ kết của Cụm thi đua các huyện biên giới; số, ký "
                       "hiệu và ngày ban hành chưa rõ.",
        "summary": "Kế hoạch năm 2017 của UBND tỉnh Lạng Sơn về công tác thi đua, khen thưởng, mà Cụm thi đua các "
                   "huyện biên giới thực hiện khi tổ chức Hội nghị sơ kết 6 tháng đầu năm ngày 14/7/2017.",
    },
}

# (from, kind, to): "the first replaces / guides the second"
LINKS = [
    ("luat-thi-dua-khen-thuong-so-06-2022-qh15", LinkKind.REPLACES, "luat-thi-dua-khen-thuong-so-15-2003-qh11"),
    ("nghi-dinh-so-91-2017-nd-cp", LinkKind.REPLACES, "nghi-dinh-so-42-2010"),
    ("nghi-dinh-so-98-2023-nd-cp", LinkKind.REPLACES, "nghi-dinh-so-91-2017-nd-cp"),
    ("nghi-dinh-so-152-2025-nd-cp", LinkKind.REPLACES, "nghi-dinh-so-98-2023-nd-cp"),
    ("nghi-dinh-so-152-2025-nd-cp", LinkKind.REPLACES, "nghi-dinh-so-28-2024-nd-cp"),
    ("nghi-dinh-so-42-2010", LinkKind.GUIDES, "luat-thi-dua-khen-thuong-so-15-2003-qh11"),
    ("nghi-dinh-so-91-2017-nd-cp", LinkKind.GUIDES, "luat-thi-dua-khen-thuong-so-15-2003-qh11"),
    ("nghi-dinh-so-98-2023-nd-cp", LinkKind.GUIDES, "luat-thi-dua-khen-thuong-so-06-2022-qh15"),
    ("nghi-dinh-so-152-2025-nd-cp", LinkKind.GUIDES, "luat-thi-dua-khen-thuong-so-06-2022-qh15"),
]

# Every field a demo row sets, so a refresh clears what an earlier version of this file set.
_DEFAULTS = {"number": "", "title": "", "issuer_name": "", "issuer_unit": None, "signer": "", "signed_on": None,
             "effective_on": None, "expires_on": None, "year": None, "source_note": SOURCE}


def load(*, stdout):
    for slug, row in DOCUMENTS.items():
        row = dict(row)
        unit_slug = row.pop("issuer_unit_slug", None)
        fields = {**_DEFAULTS, **row, "summary_by_us": True, "is_published": True, "is_sample": False,
                  "issuer_unit": Unit.objects.filter(slug=unit_slug).first() if unit_slug else None}
        document = Document.objects.filter(slug=slug).first()
        if document is None:
            services.document_create(slug=slug, **fields)
        else:
            services.document_update(document=document, **fields)
    documents = {doc.slug: doc for doc in Document.objects.filter(slug__in=DOCUMENTS)}
    for from_slug, kind, to_slug in LINKS:
        services.document_link(from_document=documents[from_slug], to_document=documents[to_slug], kind=kind)
    stdout.write(f"demo: {len(DOCUMENTS)} documents in the library, {len(LINKS)} links")
