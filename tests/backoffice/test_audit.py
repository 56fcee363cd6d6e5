"""Who changed what on decisions, clusters and meetings, field by field, from the admin and the
back office; shown to staff."""

from django.db.models.fields.files import FieldFile
from django.urls import reverse

from backoffice.models import AuditAction, AuditEntry
from clusters.models import Unit

from .test_filing import record_data


def admin_post_data(response):
    """The change form as the browser would send it back unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += list(formset.forms)
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if field.disabled or value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, list):
                data[form.add_prefix(name)] = [str(v) for v in value]
            else:
                # files are not sent back (and an empty FieldFile has no url to ask for)
                data[form.add_prefix(name)] = "" if isinstance(value, FieldFile) else str(value)
    return {key: value for key, value in data.items() if value != ""}


def test_admin_changes_to_a_unit_are_recorded_field_by_field(client, world, staff_user):
    client.force_login(staff_user)
    url = reverse("admin:clusters_unit_change", args=[world.unit_b.pk])
    data = admin_post_data(client.get(url))
    data["name"] = "huyện Lộc Bình (đã đổi)"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(object_id=str(world.unit_b.pk), content_type__model="unit")
    assert entry.actor == staff_user and entry.source == "admin" and entry.action == AuditAction.CHANGE
    assert list(entry.changes.values()) == [["huyện Lộc Bình", "huyện Lộc Bình (đã đổi)"]]


def test_admin_changes_to_a_meeting_and_its_rows_are_recorded(client, world, staff_user):
    client.force_login(staff_user)
    url = reverse("admin:meetings_meeting_change", args=[world.submitted_b.pk])
    data = admin_post_data(client.get(url))
    data["venue"] = "Hội trường mới"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    entries = AuditEntry.objects.filter(root_id=str(world.submitted_b.pk), root_type__model="meeting")
    assert any(e.changes.get("địa điểm") == [world.submitted_b.venue, "Hội trường mới"] for e in entries), [
        e.changes for e in entries]


def test_back_office_edits_are_recorded_and_shown_on_the_record(client_b, world):
    url = reverse("backoffice:meeting-edit", kwargs={"meeting_id": world.draft_b.pk})
    data = record_data(world, filing_unit=world.unit_b.pk, host=world.unit_b.pk, summary="Tóm tắt mới")
    assert client_b.post(url, data).status_code == 302
    entry = AuditEntry.objects.filter(root_id=str(world.draft_b.pk), action=AuditAction.CHANGE).first()
    assert entry.actor == world.officer_b and entry.source == "backoffice"
    page = client_b.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": world.draft_b.pk}))
    assert "Tóm tắt mới" in page.content.decode()


def test_deletions_are_recorded(client, world, staff_user):
    client.force_login(staff_user)
    unit = Unit.objects.create(name="Đơn vị thử", slug="don-vi-thu", kind=world.unit_a.kind)
    response = client.post(reverse("admin:clusters_unit_delete", args=[unit.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_repr__contains="Đơn vị thử").exists()


def test_the_history_is_shown_to_staff_read_only(client, world, staff_user):
    client.force_login(staff_user)
    client.post(reverse("backoffice:meeting-review", kwargs={"meeting_id": world.submitted_b.pk}),
                {"action": "approve", "confirmed": "yes"})
    assert client.get(reverse("admin:backoffice_auditentry_changelist")).status_code == 200
    entry = AuditEntry.objects.first()
    assert client.get(reverse("admin:backoffice_auditentry_change", args=[entry.pk])).status_code == 200
    assert client.post(reverse("admin:backoffice_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code \
        == 403


def test_scripts_without_a_signed_in_person_are_not_recorded(world):
    world.unit_a.name = "huyện Văn Lãng (script)"
    world.unit_a.save()
    assert not AuditEntry.objects.exists()


def test_admin_changes_to_an_article_are_recorded(client, staff_user):
    from portal.news.models import Article, Category

    category = Category.objects.create(name="Thi đua - Khen thưởng", slug="thi-dua-khen-thuong")
    article = Article.objects.create(title="Tin thử", category=category, summary="Cũ")
    client.force_login(staff_user)
    url = reverse("admin:news_article_change", args=[article.pk])
    data = admin_post_data(client.get(url))
    data["summary"] = "Mới"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(object_id=str(article.pk), content_type__model="article")
    assert entry.actor == staff_user and entry.action == AuditAction.CHANGE
    assert ["Cũ", "Mới"] in entry.changes.values()
