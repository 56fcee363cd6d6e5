"""The invented certificate the layout preview prints when no line is named: long enough to show
whether the boxes hold a real name and achievement. Sample data, never printed for anyone."""

import datetime

from .models import FieldSource

REGISTER_NUMBER = "125/2024"


def texts(layout) -> dict:
    award = layout.award.name if layout.award_id else layout.get_kind_display()
    return {
        FieldSource.NAME: "Bà Nguyễn Thị Hương",
        FieldSource.TITLE_AND_UNIT: "Chuyên viên Phòng Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
        FieldSource.ACHIEVEMENT: ("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ công tác năm 2024, góp phần vào "
                                  "sự nghiệp xây dựng và phát triển kinh tế - xã hội của tỉnh Lạng Sơn."),
        FieldSource.AWARD: award,
        FieldSource.DECISION: "Quyết định số 125/QĐ-UBND ngày 20/12/2024",
        FieldSource.SIGNER_TITLE: "CHỦ TỊCH",
        FieldSource.SIGNER_NAME: "Hoàng Văn Mẫu",
        FieldSource.REGISTER_NUMBER: REGISTER_NUMBER,
        "date": datetime.date(2024, 12, 20),
    }
