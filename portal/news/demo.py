"""Demo rows of the public shell: the Sở's footer as the seed article shows it, the two
sidebar link lists, two news categories, the seed article reproduced exactly (real, so not
marked as sample; its placeholder photos are), a handful of invented articles and one invented
item republished from another province with its source (samples).

The original site's vendor credit line is not ours and is left out. Idempotent: rows are
found by their natural keys (slugs; photo order within an article)."""

import datetime
import io
import zoneinfo

from django.core.files.base import ContentFile
from django.utils.html import escape
from PIL import Image, ImageDraw

from portal.core.text import vn_slugify

from . import services
from .models import Article, ArticlePhoto, ArticleStatus, Category, Link, LinkGroup, SiteProfile

LINKS = {
    "Sở ban ngành, huyện thị": [
        ("UBND tỉnh Lạng Sơn", "https://langson.gov.vn/"),
        ("Sở Nội vụ tỉnh Lạng Sơn", "https://snv.langson.gov.vn/"),
        ("Ban Thi đua - Khen thưởng tỉnh Lạng Sơn", "https://thiduakhenthuong.langson.gov.vn/"),
        ("Sở Tư pháp tỉnh Lạng Sơn", "https://stp.langson.gov.vn/"),
        ("UBND thành phố Lạng Sơn", "https://thanhpho.langson.gov.vn/"),
        ("UBND huyện Văn Lãng", "https://vanlang.langson.gov.vn/"),
        ("UBND huyện Lộc Bình", "https://locbinh.langson.gov.vn/"),
    ],
    "Liên kết Websites": [
        ("Bộ Nội vụ", "https://moha.gov.vn/"),
        ("Ban Thi đua - Khen thưởng Trung ương", "https://thiduakhenthuongvn.org.vn/"),
        ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
        ("Báo Lạng Sơn", "https://baolangson.vn/"),
    ],
}

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
CATEGORIES = [
    ("thi-dua-khen-thuong", "Thi đua - Khen thưởng"),
    ("hoat-dong-cum-khoi-thi-dua", "Hoạt động cụm, khối thi đua"),
]
CLUSTER_SLUG = "cum-thi-dua-cac-huyen-bien-gioi"
MEETING_SLUG = "hoi-nghi-so-ket-6-thang-dau-nam-2017-cum-thi-dua-cac-huyen-bien-gioi"
YEAR_END_MEETING_SLUG = "hoi-nghi-tong-ket-nam-2017-cum-thi-dua-cac-huyen-bien-gioi"

SEED_TITLE = (
    "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ thi đua, "
    "khen thưởng 6 tháng cuối năm 2017 của Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn"
)
SEED_SLUG = vn_slugify(SEED_TITLE, max_length=194)
SEED_PUBLISHED_AT = datetime.datetime(2017, 7, 21, 15, 7, tzinfo=TZ)
SEED_AUTHOR = ("Trần Văn Ba", "Phòng Nghiệp vụ 2, Ban TĐKT")
SEED_GALLERY_INTRO = "Sau đây là một số hình ảnh về Hội nghị:"
# The source's whitespace is normalised: its non-breaking spaces become plain ones and
# "Phó  trưởng ban" (two spaces) is written with one.
SEED_PARAGRAPHS = [
    (
        'Thực hiện Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn, ngày 14/7/2017, '
        'tại trụ sở UBND huyện Văn Lãng, Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn đã tổ chức Hội nghị '
        'sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ thi đua, khen thưởng 6 '
        'tháng cuối năm 2017. Đồng chí Nguyễn Đình Trường, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch '
        'Hội đồng TĐKT huyện Văn Lãng (Đơn vị Phó trưởng Cụm thi đua năm 2017) chủ trì hội nghị. Dự Hội nghị '
        'sơ kết của cụm có các đồng chí đại biểu: Đồng chí Nguyễn Thu Hoài, Phó trưởng ban, Ban Thi đua - '
        'Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn; đồng chí Trần Văn Ba, chuyên viên Ban Thi đua - Khen thưởng; '
        'các đồng chí lãnh đạo Ủy ban nhân dân huyện, lãnh đạo và chuyên viên Phòng Nội vụ của 05 huyện biên '
        'giới và các thành viên Hội đồng TĐKT huyện Văn Lãng.'
    ),
    (
        'Cụm thi đua các huyện biên giới gồm 05 đơn vị: Huyện Lộc Bình (Trưởng cụm thi đua năm 2017), Huyện '
        'Văn Lãng (Phó trưởng cụm thi đua năm 2017), huyện Tràng Định, huyện Cao Lộc và huyện Đình Lập. Trong '
        '6 tháng đầu năm 2017, mặc dù còn gặp nhiều khó khăn, thách thức, song các đơn vị của Cụm thi đua đã '
        'quan tâm lãnh đạo, chỉ đạo và tổ chức thực hiện công tác TĐKT tích cực, chủ động. Các phong trào thi '
        'đua yêu nước của Cụm diễn ra sôi nổi, rộng khắp trên tất cả các lĩnh vực kinh tế, xã hội, quốc '
        'phòng, an ninh; các chỉ tiêu kinh tế, văn hóa, xã hội... cơ bản đã đạt được theo kế hoạch đề ra '
        'trong 6 tháng đầu năm. Phong trào thi đua có nhiều đổi mới, sáng tạo, ngày càng đi vào chiều sâu, '
        'bám sát thực tiễn, đã triển khai, hưởng ứng các phong trào "Lạng Sơn cùng cả nước chung sức xây dựng '
        'nông thôn mới", "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau"... gắn với việc '
        '"Học tập và làm theo tư tưởng, phong cách, đạo đức Hồ Chí Minh" và thực hiện nhiệm vụ chính trị ở '
        'từng địa phương. Trong công tác TĐKT, các đơn vị trong Cụm đã chú trọng công tác tuyên truyền, phổ '
        'biến, nhân rộng các gương người tốt, việc tốt, các điển hình tiên tiến, đặc biệt là các điển hình '
        'tiên tiến là nông dân sản xuất, kinh doanh giỏi, tham gia hiến đất xây dựng nông thôn mới. Chất '
        'lượng công tác khen thưởng từng bước được nâng cao, đúng với quy định của pháp luật; kịp thời động '
        'viên, tôn vinh các tập thể, cá nhân đạt thành tích xuất sắc trong các phong trào thi đua yêu nước. '
        'Việc khen thưởng cho các đối tượng là người lao động, người trực tiếp sản xuất, nông dân ngày càng '
        'được chú trọng, quan tâm nhiều hơn; tỷ lệ khen thưởng cho tập thể nhỏ, cá nhân lao động trực tiếp '
        'đều đạt trên 50%. Hội đồng TĐKT các huyện và cơ sở kịp thời được kiện toàn và đi vào hoạt động có nề '
        'nếp.'
    ),
    (
        'Phát biểu tại hội nghị, Đồng chí Nguyễn Thu Hoài, Phó trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ '
        'thay mặt Hội đồng TĐKT tỉnh, Ban TĐKT, Sở Nội vụ ghi nhận và đánh giá cao kết quả công tác thi đua, '
        'khen thưởng mà Cụm thi đua đã đạt được trong 6 tháng đầu năm 2017, trong đó có sự quan tâm lãnh đạo, '
        'chỉ đạo của cấp ủy, lãnh đạo các địa phương; các đơn vị trong cụm đã chỉ đạo, triển khai, ban hành '
        'các văn bản kịp thời, tổ chức các phong trào thi đua sâu rộng trên các lĩnh vực, quan tâm khen '
        'thưởng cho các đối tượng là lao động trực tiếp. Bên cạnh đó, đồng chí Phó trưởng Ban cũng chỉ ra một '
        'số hạn chế về công tác TĐKT cũng như một số nội dung, nhiệm vụ mà các đơn vị cần tiếp tục quan tâm '
        'để thực hiện tốt hơn trong 6 tháng cuối năm 2017, trong đó đề nghị các huyện quan tâm bồi dưỡng, tập '
        'huấn nghiệp vụ công tác thi đua, khen thưởng cho các đơn vị trực thuộc; Hội đồng TĐKT các huyện '
        'thường xuyên tổ chức kiểm tra, giám sát việc thực hiện các nhiệm vụ công tác thi đua, khen thưởng; '
        'việc xem xét, lựa chọn các doanh nghiệp, doanh nhân trên địa bàn để đề nghị tôn vinh danh hiệu '
        '"Doanh nhân, Doanh nghiệp tiêu biểu" gửi về Sở Nội vụ đúng thời gian quy định ...'
    ),
    (
        'Với những kết quả đạt được trong 6 tháng đầu năm 2017, Cụm thi đua các huyện biên giới tỉnh Lạng Sơn '
        'đã thống nhất, biểu quyết thông qua các nhiệm vụ trọng tâm, các giải pháp cần thực hiện trong 6 '
        'tháng cuối năm 2017.'
    ),
    (
        'Trong không khí cả nước, cả tỉnh và các địa phương đang thiết thực thi đua, lập nhiều thành tích '
        'chào mừng kỷ niệm 70 năm ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2017), trước khi kết thúc hội '
        'nghị, đoàn đại biểu dự Hội nghị sơ kết của Cụm thi đua 5 huyện biên giới đã đến thăm khu lưu niệm '
        'đồng chí Hoàng Văn Thụ tại xã Hoàng Văn Thụ, huyện Văn Lãng và dâng hương đồng chí Hoàng Văn Thụ - '
        'người chiến sĩ cách mạng anh hùng, người con ưu tú của Đảng Cộng sản Việt Nam, của nhân dân tỉnh '
        'Lạng Sơn và của huyện Văn Lãng./.'
    ),
]
# Captions as domain.md §7 lists them (the source's line breaks joined); alt texts describe
# the placeholder scene for readers who cannot see it.
SEED_PHOTOS = [
    (
        "Ảnh: Đồng chí Nguyễn Đình Trường, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT "
        "huyện Văn Lãng phát biểu khai mạc",
        "Đồng chí Nguyễn Đình Trường phát biểu khai mạc Hội nghị sơ kết tại trụ sở UBND huyện Văn Lãng",
    ),
    (
        "Ảnh: Các đại biểu tham dự và thảo luận tại Hội nghị",
        "Các đại biểu ngồi quanh bàn hội nghị, tham dự và thảo luận",
    ),
    (
        "Ảnh: Đồng chí Nguyễn Thu Hoài, Phó trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn phát "
        "biểu chỉ đạo Hội nghị",
        "Đồng chí Nguyễn Thu Hoài phát biểu chỉ đạo Hội nghị",
    ),
    (
        "Ảnh: Đoàn đại biểu cụm thi đua 5 huyện biên giới đến thăm và dâng hương đồng chí Hoàng Văn Thụ tại "
        "khu lưu niệm đồng chí Hoàng Văn Thụ, xã Hoàng Văn Thụ, huyện Văn Lãng.",
        "Đoàn đại biểu dâng hương tại khu lưu niệm đồng chí Hoàng Văn Thụ, xã Hoàng Văn Thụ, huyện Văn Lãng",
    ),
]

# Invented articles (samples): (slug, category slug, published, title, summary, paragraphs,
# meeting slug or "")
SAMPLES = [
    (
        "tap-huan-nghiep-vu-thi-dua-khen-thuong-nam-2017", "thi-dua-khen-thuong",
        datetime.datetime(2017, 8, 24, 9, 30, tzinfo=TZ),
        "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2017",
        "Ban Thi đua - Khen thưởng, Sở Nội vụ tổ chức lớp tập huấn nghiệp vụ cho cán bộ làm công tác thi đua, "
        "khen thưởng của các sở, ban, ngành và các huyện, thành phố.",
        [
            "Thực hiện Kế hoạch công tác năm 2017, Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn tổ chức lớp "
            "tập huấn nghiệp vụ công tác thi đua, khen thưởng cho hơn 150 học viên là cán bộ, công chức làm công "
            "tác thi đua, khen thưởng của các sở, ban, ngành và các huyện, thành phố.",
            "Tại lớp tập huấn, các học viên được hướng dẫn quy trình, thủ tục, hồ sơ đề nghị khen thưởng; cách "
            "xây dựng báo cáo thành tích và việc phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến.",
        ],
        "",
    ),
    (
        "huong-dan-de-nghi-ton-vinh-doanh-nhan-doanh-nghiep-tieu-bieu-nam-2017", "thi-dua-khen-thuong",
        datetime.datetime(2017, 9, 12, 14, 0, tzinfo=TZ),
        "Hướng dẫn đề nghị tôn vinh danh hiệu “Doanh nhân, Doanh nghiệp tiêu biểu” năm 2017",
        "Sở Nội vụ đề nghị các huyện, thành phố lựa chọn doanh nghiệp, doanh nhân tiêu biểu trên địa bàn và "
        "gửi hồ sơ đúng thời gian quy định.",
        [
            "Để kịp thời tôn vinh các doanh nghiệp, doanh nhân có thành tích xuất sắc trong sản xuất, kinh doanh "
            "và tham gia các hoạt động xã hội, Sở Nội vụ hướng dẫn các đơn vị xem xét, lựa chọn và đề nghị tôn "
            "vinh danh hiệu “Doanh nhân, Doanh nghiệp tiêu biểu” năm 2017.",
            "Hồ sơ gửi về Sở Nội vụ (qua Ban Thi đua - Khen thưởng) đúng thời gian quy định để tổng hợp, trình "
            "Hội đồng Thi đua - Khen thưởng tỉnh xem xét.",
        ],
        "",
    ),
    (
        "kiem-tra-cong-tac-thi-dua-khen-thuong-tai-huyen-dinh-lap", "thi-dua-khen-thuong",
        datetime.datetime(2017, 10, 18, 10, 15, tzinfo=TZ),
        "Kiểm tra công tác thi đua, khen thưởng tại huyện Đình Lập",
        "Đoàn kiểm tra của Hội đồng Thi đua - Khen thưởng tỉnh làm việc với Hội đồng Thi đua - Khen thưởng "
        "huyện Đình Lập.",
        [
            "Đoàn kiểm tra đã nghe báo cáo việc triển khai các phong trào thi đua, công tác khen thưởng và hoạt "
            "động của Hội đồng Thi đua - Khen thưởng huyện Đình Lập từ đầu năm đến nay.",
            "Đoàn đề nghị huyện tiếp tục quan tâm khen thưởng người lao động trực tiếp và các tập thể nhỏ, "
            "kịp thời phát hiện, nhân rộng các gương điển hình tiên tiến.",
        ],
        "",
    ),
    (
        "cum-thi-dua-cac-huyen-bien-gioi-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2017",
        "hoat-dong-cum-khoi-thi-dua",
        datetime.datetime(2017, 12, 22, 16, 20, tzinfo=TZ),
        "Cụm thi đua các huyện biên giới tổng kết công tác thi đua, khen thưởng năm 2017",
        "Hội nghị tổng kết đánh giá kết quả năm 2017, suy tôn đơn vị dẫn đầu và bầu Trưởng cụm, Phó trưởng "
        "cụm thi đua năm 2018.",
        [
            "Hội nghị đã đánh giá kết quả thực hiện các phong trào thi đua năm 2017 của các đơn vị trong Cụm, "
            "thống nhất bình xét, suy tôn đơn vị dẫn đầu và đề nghị khen thưởng.",
            "Các đại biểu đã bầu Trưởng cụm và Phó trưởng cụm thi đua năm 2018 và ký kết giao ước thi đua năm "
            "2018.",
        ],
        YEAR_END_MEETING_SLUG,
    ),
    (
        "ky-ket-giao-uoc-thi-dua-nam-2018-cac-cum-khoi-thi-dua", "hoat-dong-cum-khoi-thi-dua",
        datetime.datetime(2018, 3, 9, 8, 45, tzinfo=TZ),
        "Các cụm, khối thi đua của tỉnh ký kết giao ước thi đua năm 2018",
        "Các cụm, khối thi đua thuộc tỉnh đồng loạt tổ chức ký kết giao ước thi đua, phát động phong trào thi "
        "đua năm 2018.",
        [
            "Trong tháng 3/2018, các cụm, khối thi đua thuộc tỉnh Lạng Sơn đã tổ chức hội nghị ký kết giao ước "
            "thi đua năm 2018 với các nội dung thi đua cụ thể, sát với nhiệm vụ chính trị của từng đơn vị.",
            "Phong trào thi đua năm 2018 tiếp tục gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách "
            "Hồ Chí Minh và xây dựng nông thôn mới.",
        ],
        "",
    ),
]

# An invented item republished from another province's portal, with its source as a
# republished item carries it (sample: the text is ours, only the portal's name and home
# address are real, so the link leads somewhere true).
REPUBLISHED_SLUG = "bac-ninh-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2017"
REPUBLISHED = {
    "title": "Bắc Ninh tổng kết công tác thi đua, khen thưởng năm 2017",
    "category": "thi-dua-khen-thuong",
    "published_at": datetime.datetime(2018, 1, 15, 9, 0, tzinfo=TZ),
    "summary": "Hội đồng Thi đua - Khen thưởng tỉnh Bắc Ninh tổng kết công tác thi đua, khen thưởng năm 2017 và "
               "triển khai nhiệm vụ năm 2018.",
    "paragraphs": [
        "Hội nghị đã đánh giá kết quả các phong trào thi đua yêu nước năm 2017 trên địa bàn tỉnh Bắc Ninh, "
        "trong đó có phong trào thi đua của các cụm, khối thi đua thuộc tỉnh.",
        "Các đại biểu đã trao đổi kinh nghiệm về việc phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến, "
        "khen thưởng kịp thời người lao động trực tiếp.",
    ],
    "author_unit": "",
    "source_name": "Cổng thông tin điện tử tỉnh Bắc Ninh",
    "source_url": "https://bacninh.gov.vn/",
    "source_published_on": datetime.date(2018, 1, 12),
    "republication_note": "Đăng lại từ Cổng thông tin điện tử tỉnh Bắc Ninh để các cụm, khối thi đua tham khảo.",
}


def _paragraphs_html(paragraphs) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def placeholder_image(index: int, label: str = "") -> ContentFile:
    """A plain generated picture (placeholders are marked as sample data)."""
    palette = [(143, 170, 196), (196, 170, 120), (150, 180, 150), (180, 140, 150)]
    image = Image.new("RGB", (1200, 800), palette[index % len(palette)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 560, 1120, 760), fill=(240, 236, 228))
    draw.text((110, 600), label or f"Anh minh hoa {index + 1}", fill=(60, 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"anh-minh-hoa-{index + 1}.jpg")


def _meeting_photo_file(meeting, order):
    """The meeting demo's placeholder photo of the same order, so both pages show the same picture."""
    if meeting is None:
        return None
    photo = meeting.photos.filter(order=order).first()
    if photo is None or not photo.image:
        return None
    photo.image.open("rb")
    try:
        return ContentFile(photo.image.read(), name=photo.image.name.rsplit("/", 1)[-1])
    finally:
        photo.image.close()


def _find(module: str, model: str, slug: str):
    try:
        from importlib import import_module

        return getattr(import_module(module), model).objects.filter(slug=slug).first()
    except (ImportError, AttributeError):
        return None


def _link(article: Article, *, meeting_slug: str = "", cluster_slug: str = "") -> None:
    names = {field.name for field in Article._meta.get_fields()}
    changed = []
    if "meeting" in names and meeting_slug:
        article.meeting = _find("meetings.models", "Meeting", meeting_slug)
        changed.append("meeting")
    if "cluster" in names and cluster_slug:
        article.cluster = _find("clusters.models", "Cluster", cluster_slug)
        changed.append("cluster")
    if changed:
        article.save(update_fields=changed)


def load(*, stdout):
    SiteProfile.objects.update_or_create(
        pk=1,
        defaults={
            "site_name": "Trang thông tin điện tử Sở Nội vụ tỉnh Lạng Sơn",
            "owner_name": "Sở Nội vụ tỉnh Lạng Sơn",
            # a title, not an invented name
            "responsible": "Giám đốc Sở Nội vụ tỉnh Lạng Sơn",
            "address": "Số 4 đường Quang Trung, phường Chi Lăng, thành phố Lạng Sơn, tỉnh Lạng Sơn",
            "phone": "(025) 3.812.110",
            "fax": "(025) 3.812.498",
            "email": "sonoivu@langson.gov.vn",
        },
    )
    for order, (title, links) in enumerate(LINKS.items()):
        group, _ = LinkGroup.objects.update_or_create(title=title, defaults={"order": order})
        for link_order, (link_title, url) in enumerate(links):
            Link.objects.update_or_create(group=group, title=link_title, defaults={"url": url, "order": link_order})
    categories = {}
    for order, (slug, name) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    seed = load_seed_article(categories["hoat-dong-cum-khoi-thi-dua"])
    for slug, category, published_at, title, summary, paragraphs, meeting_slug in SAMPLES:
        article, _ = Article.objects.update_or_create(slug=slug, defaults={
            "title": title, "category": categories[category], "summary": summary,
            "body": _paragraphs_html(paragraphs), "status": ArticleStatus.PUBLISHED, "published_at": published_at,
            "featured": False, "author_name": "", "author_unit": "Ban Thi đua - Khen thưởng", "is_sample": True,
            "gallery_intro": "",
        })
        _link(article, meeting_slug=meeting_slug, cluster_slug=CLUSTER_SLUG if meeting_slug else "")
    load_republished_article(categories)
    stdout.write(f"news: seed article /tin-tuc/{seed.slug}/ and {len(SAMPLES) + 1} sample articles")


def load_republished_article(categories: dict) -> Article:
    fields = {key: value for key, value in REPUBLISHED.items() if key not in {"category", "paragraphs"}}
    article, _ = Article.objects.update_or_create(slug=REPUBLISHED_SLUG, defaults={
        **fields, "category": categories[REPUBLISHED["category"]], "body": _paragraphs_html(REPUBLISHED["paragraphs"]),
        "status": ArticleStatus.PUBLISHED, "featured": False, "author_name": "", "gallery_intro": "",
        "is_sample": True,
    })
    return article


def load_seed_article(category: Category) -> Article:
    article, _ = Article.objects.update_or_create(slug=SEED_SLUG, defaults={
        "title": SEED_TITLE,
        "category": category,
        # Lists and feeds need a short text; the article's own first sentence serves.
        "summary": SEED_PARAGRAPHS[0].split(". Đồng chí")[0] + ".",
        "body": _paragraphs_html(SEED_PARAGRAPHS),
        "gallery_intro": SEED_GALLERY_INTRO,
        "status": ArticleStatus.PUBLISHED,
        "published_at": SEED_PUBLISHED_AT,
        "featured": True,
        "author_name": SEED_AUTHOR[0],
        "author_unit": SEED_AUTHOR[1],
        "is_sample": False,
    })
    _link(article, meeting_slug=MEETING_SLUG, cluster_slug=CLUSTER_SLUG)
    meeting = _find("meetings.models", "Meeting", MEETING_SLUG)
    for index, (caption, alt_text) in enumerate(SEED_PHOTOS):
        order = index + 1
        photo = ArticlePhoto.objects.filter(article=article, order=order).first()
        if photo is None:
            image = _meeting_photo_file(meeting, order) or placeholder_image(index)
            services.article_photo_add(article=article, image=image, caption=caption, alt_text=alt_text,
                                       order=order, is_sample=True)
        else:
            ArticlePhoto.objects.filter(pk=photo.pk).update(caption=caption, alt_text=alt_text, is_sample=True)
    article.photos.filter(order__gt=len(SEED_PHOTOS)).delete()
    return article
