"""Fixtures of the certificate tests: the commendation fixtures, the demo layout of the provincial
Bằng khen and its printer profile, a Giấy khen layout, and a 2024 decision of the provincial chair."""

import io

import pytest

from certificates import demo
from certificates.models import CertificateKind, CertificateLayout, LayoutField, PrinterProfile

from ..awards import conftest as commendations
from ..awards.conftest import individual

# the commendation fixtures, shared as they are
units, roles, awards, people, issue = (commendations.units, commendations.roles, commendations.awards,
                                       commendations.people, commendations.issue)

LONG_NAME = "Nguyễn Thị Hương Tôn Nữ Hoàng Phương Thảo Nguyên Khánh Quyên"  # 60 characters
ACHIEVEMENT = (
    "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chuyên môn, công tác cải cách hành chính và chuyển đổi số "
    "năm 2024; tích cực tham gia các phong trào thi đua yêu nước do Ủy ban nhân dân tỉnh phát động, góp phần quan "
    "trọng vào sự nghiệp xây dựng và phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh của tỉnh Lạng Sơn; "
    "gương mẫu, đoàn kết, tận tụy với công việc, được các đồng nghiệp mến phục."
)  # 400 characters


@pytest.fixture
def layout(db):
    demo.load(stdout=io.StringIO())
    return CertificateLayout.objects.get(name=demo.LAYOUT_NAME)


@pytest.fixture
def profile(layout):
    return PrinterProfile.objects.get(name=demo.PROFILE_NAME)


@pytest.fixture
def giay_khen_layout(db):
    layout = CertificateLayout.objects.create(name="Giấy khen (mẫu)", kind=CertificateKind.GIAY_KHEN,
                                              orientation="portrait")
    LayoutField.objects.create(layout=layout, source="name", x_mm=20, y_mm=100, width_mm=170, height_mm=14,
                               font_size=20, min_font_size=12, bold=True)
    LayoutField.objects.create(layout=layout, source="register_number", x_mm=20, y_mm=250, width_mm=80,
                               height_mm=8, font_size=12, min_font_size=9, align="left")
    return layout


@pytest.fixture
def person_factory(db):
    from clusters.models import Person

    counter = iter(range(1, 10000))

    def make(name):
        return Person.objects.create(full_name=name, slug=f"nguoi-{next(counter)}")

    return make


@pytest.fixture
def bang_khen(issue, awards, person_factory, layout):
    """A provincial decision of 2024 giving the Bằng khen to three people, the first with a
    60-character name and a 400-character achievement."""
    names = [LONG_NAME, "Hoàng Văn Bình", "Lường Thị Mai"]
    lines = [individual(person_factory(name), awards["provincial_certificate"], title_text="Chuyên viên",
                        unit_text="Sở Nội vụ tỉnh Lạng Sơn", reason=ACHIEVEMENT if n == 0 else "Hoàn thành xuất sắc "
                        "nhiệm vụ năm 2024.") for n, name in enumerate(names)]
    return issue(lines, confirm=True, signer_name="Hồ Tiến Thiệu", signer_title="Chủ tịch")
