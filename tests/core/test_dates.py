import datetime
import zoneinfo

import pytest
from django.utils import translation

from portal.core.dates import format_date, format_datetime

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2017, 7, 17), "Thứ Hai, 17/07/2017"),
        (datetime.date(2017, 7, 18), "Thứ Ba, 18/07/2017"),
        (datetime.date(2017, 7, 19), "Thứ Tư, 19/07/2017"),
        (datetime.date(2017, 7, 20), "Thứ Năm, 20/07/2017"),
        (datetime.date(2017, 7, 21), "Thứ Sáu, 21/07/2017"),
        (datetime.date(2017, 7, 22), "Thứ Bảy, 22/07/2017"),
        (datetime.date(2017, 7, 23), "Chủ Nhật, 23/07/2017"),
    ],
)
def test_every_weekday_is_spelled_out_in_vietnamese(day, expected):
    with translation.override("vi"):
        assert format_date(day) == expected


def test_seed_article_datetime_is_written_as_the_province_writes_it():
    moment = datetime.datetime(2017, 7, 21, 15, 7, tzinfo=HCM)
    with translation.override("vi"):
        assert format_datetime(moment) == "Thứ Sáu, 21/07/2017 - 15:07"


def test_utc_datetime_is_shown_in_ho_chi_minh_time():
    moment = datetime.datetime(2017, 7, 21, 8, 7, tzinfo=datetime.UTC)
    with translation.override("vi"):
        assert format_datetime(moment) == "Thứ Sáu, 21/07/2017 - 15:07"


def test_date_crossing_midnight_uses_local_day():
    moment = datetime.datetime(2017, 7, 13, 18, 30, tzinfo=datetime.UTC)  # 01:30 on the 14th in Hà Nội
    with translation.override("vi"):
        assert format_date(moment) == "Thứ Sáu, 14/07/2017"


def test_english_pages_use_english_weekdays():
    with translation.override("en"):
        assert format_date(datetime.date(2017, 7, 14)) == "Friday, 14/07/2017"


def test_empty_value_gives_empty_text():
    assert format_date(None) == ""
    assert format_datetime(None) == ""
