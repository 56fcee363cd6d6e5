"""A sample layout of the blank of the Bằng khen of the Chairman of the provincial People's
Committee, and one printer profile, so that staff can print the demo decisions' Bằng khen.

Invented (is_sample=True): the real blank's measurements come from the office's own paper. The
blank is A4 landscape, as the province's Bằng khen usually is; the national title, the issuer
and “TẶNG BẰNG KHEN” are pre-printed, so the layout places only what changes from one
certificate to the next. Idempotent: the layout is found again by its name and its fields
replaced."""

from decimal import Decimal

from awards.models import Award

from .models import CertificateKind, CertificateLayout, LayoutField, Orientation, PrinterProfile

LAYOUT_NAME = "Bằng khen của Chủ tịch UBND tỉnh (phôi mẫu, A4 ngang)"
PROFILE_NAME = "Máy in phòng Thi đua - Khen thưởng (mẫu)"

# source, x, y, width, height (mm from the top-left corner), size, smallest size, options
FIELDS = [
    ("name", 40, 76, 217, 15, 22, 14, {"bold": True}),
    ("title_and_unit", 40, 92, 217, 10, 15, 11, {}),
    ("achievement", 40, 103, 217, 30, 15, 10, {"italic": True}),
    ("decision", 30, 152, 110, 8, 12, 9, {"italic": True, "align": "left"}),
    ("register_number", 30, 161, 110, 8, 12, 9, {"align": "left", "prefix": "Số vào sổ: "}),
    ("place_and_date", 160, 140, 110, 8, 13, 10, {"italic": True, "text": "Lạng Sơn"}),
    ("signer_title", 160, 148, 110, 8, 13, 10, {"bold": True, "uppercase": True}),
    ("signer_name", 160, 176, 110, 9, 14, 11, {"bold": True}),
]


def load(*, stdout):
    award = Award.objects.filter(code="provincial_certificate").first()
    layout, _created = CertificateLayout.objects.update_or_create(name=LAYOUT_NAME, defaults={
        "kind": CertificateKind.BANG_KHEN, "award": award, "width_mm": Decimal(210), "height_mm": Decimal(297),
        "orientation": Orientation.LANDSCAPE, "active": True, "is_sample": True,
        "note": "Dữ liệu mẫu: đo lại trên phôi thật trước khi in.",
    })
    layout.fields.all().delete()
    LayoutField.objects.bulk_create([
        LayoutField(layout=layout, order=order, source=source, x_mm=x, y_mm=y, width_mm=width, height_mm=height,
                    font_size=size, min_font_size=smallest, **options)
        for order, (source, x, y, width, height, size, smallest, options) in enumerate(FIELDS, start=1)
    ])
    PrinterProfile.objects.update_or_create(name=PROFILE_NAME, defaults={
        "x_offset_mm": Decimal("1.5"), "y_offset_mm": Decimal("-1.0"),
        "note": "Dữ liệu mẫu: in thử một tờ giấy trắng đặt lên phôi để đo độ lệch.",
    })
    stdout.write(f"certificates: layout “{layout.name}” with {len(FIELDS)} fields, printer profile")
