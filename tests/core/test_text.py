import pytest

from portal.core.text import fold, strip_accents, vn_slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Cụm thi đua các huyện biên giới", "cum-thi-dua-cac-huyen-bien-gioi"),
        ("huyện Đình Lập", "huyen-dinh-lap"),
        ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
        ("Đường đến Đồng Đăng", "duong-den-dong-dang"),
        ("Quyết định 163/QĐ-UBND", "quyet-dinh-163qd-ubnd"),
        ("Lạng Sơn  —  2017", "lang-son-2017"),
    ],
)
def test_slug_keeps_every_letter_including_d_with_stroke(text, slug):
    assert vn_slugify(text) == slug


def test_slug_respects_max_length_without_trailing_dash():
    slug = vn_slugify("Hội nghị sơ kết công tác thi đua khen thưởng", max_length=20)
    assert len(slug) <= 20
    assert not slug.endswith("-")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Lạng Sơn", "lang son"),
        ("LỘC BÌNH", "loc binh"),
        ("Đoàn", "doan"),
        ("đoàn", "doan"),
        ("Nguyễn  Thu   Hoài", "nguyen thu hoai"),
        ("Hoàng Văn Thụ", "hoang van thu"),
        ("", ""),
    ],
)
def test_fold_ignores_accents_case_and_spacing(text, folded):
    assert fold(text) == folded


def test_fold_handles_decomposed_input():
    # Text pasted from some word processors arrives in NFD form.
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Văn Lãng")) == "van lang"


def test_strip_accents_keeps_case():
    assert strip_accents("Đình Lập") == "Dinh Lap"
