from django.contrib.auth.models import Group

from backoffice.roles import OFFICER_GROUP, STAFF_GROUP


def test_roles_are_created_by_migration_with_their_permissions(db):
    staff = set(Group.objects.get(name=STAFF_GROUP).permissions.values_list("content_type__app_label", "codename"))
    officer = set(Group.objects.get(name=OFFICER_GROUP).permissions.values_list("content_type__app_label",
                                                                                "codename"))
    for app_label, codename in [("clusters", "change_unit"), ("meetings", "change_meeting"),
                                ("awards", "change_decision"), ("news", "change_article"),
                                ("meetings", "review_meeting"), ("meetings", "delete_meeting")]:
        assert (app_label, codename) in staff
    assert ("meetings", "add_meeting") in officer
    assert ("meetings", "change_meetingphoto") in officer
    # Officers never review, publish, delete records, or touch clusters and decisions.
    assert ("meetings", "review_meeting") not in officer
    assert ("meetings", "delete_meeting") not in officer
    assert not {label for label, _codename in officer} - {"meetings"}


def test_staff_keep_the_document_library(db):
    from django.contrib.auth.models import Group

    from backoffice.roles import STAFF_GROUP

    codenames = set(Group.objects.get(name=STAFF_GROUP).permissions.values_list("codename", flat=True))
    assert {"add_document", "change_document", "view_document", "add_documentlink"} <= codenames
