"""The record page's history reads as people write: Vietnamese labels for states and choices,
dd/mm/yyyy dates, names without ids; translated when shown, so rows written long ago (or in
English) read as well as today's."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from backoffice.audit import acting_as, readable_changes
from backoffice.models import AuditAction, AuditEntry
from meetings.models import Meeting, PartOfDay, RecordState
from meetings.services import meeting_transition, meeting_update


def detail(meeting):
    return reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk})


def history_cell(body):
    return body[body.index('id="history-title"'):]


def test_states_choices_dates_and_links_read_in_vietnamese(client_b, world):
    meeting = world.draft_b
    with acting_as(world.officer_b, "backoffice"):
        meeting_update(meeting=meeting, user=world.officer_b, date=datetime.date(2018, 7, 13),
                       part_of_day=PartOfDay.MORNING, host=world.unit_b)
        meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_b)
    body = history_cell(client_b.get(detail(meeting)).content.decode())
    assert "Bản nháp → Đã gửi chờ duyệt" in body
    assert "13/07/2018" in body and "2018-07-13" not in body
    assert "Buổi: – → Sáng" in body
    assert "morning" not in body and "draft →" not in body and "submitted" not in body
    assert world.unit_b.name in body and f"(#{world.unit_b.pk})" not in body


def test_old_rows_with_english_labels_and_raw_values_read_well_too(world):
    entry = AuditEntry.objects.create(
        actor_name="so.noivu", source="admin", action=AuditAction.CHANGE,
        content_type=ContentType.objects.get_for_model(Meeting), object_id=str(world.draft_b.pk),
        object_repr="x", root_type=ContentType.objects.get_for_model(Meeting), root_id=str(world.draft_b.pk),
        changes={"record state": ["draft", "submitted"], "kind": ["mid_year_review", "other"],
                 "host": [None, "huyện Lộc Bình (#24)"], "date": ["2018-07-13", "2018-07-14"],
                 "a field since removed": ["a", "b"]},
    )
    from django.utils import translation

    with translation.override("vi"):
        rows = {label: (old, new) for label, old, new in readable_changes(entry)}
    assert rows["Trạng thái hồ sơ"] == ("Bản nháp", "Đã gửi chờ duyệt")
    assert rows["Loại"][0] == "Sơ kết 6 tháng"
    assert rows["Đơn vị đăng cai"] == ("–", "huyện Lộc Bình")
    assert rows["Ngày"] == ("13/07/2018", "14/07/2018")
    assert rows["a field since removed"] == ("a", "b")
    assert not any("mid_year_review" in value for pair in rows.values() for value in pair)


def test_counters_and_sort_keys_the_machine_keeps_are_not_shown(world):
    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(Meeting),
        changes={"version": [3, 4], "sort_date": ["2017-07-13", "2017-07-14"], "venue": ["a", "b"]},
    )
    assert [old for _label, old, _new in readable_changes(entry)] == ["a"]
