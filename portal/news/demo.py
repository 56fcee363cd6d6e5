"""Demo rows of the public shell: the Sở's footer as the seed article shows it, and the two
sidebar link lists. The original site's vendor credit line is not ours and is left out."""

from .models import Link, LinkGroup, SiteProfile

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


def load(*, stdout):
    SiteProfile.objects.update_or_create(
        pk=1,
        defaults={
            "site_name": "Trang thông tin điện tử Sở Nội vụ tỉnh Lạng Sơn",
            "owner_name": "Sở Nội vụ tỉnh Lạng Sơn",
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
