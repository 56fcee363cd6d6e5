"""The portal's roles: provincial staff (the whole back office and the admin) and unit
officers (their own units' meeting records, through /can-bo/ only). The groups and their
permissions are data, written by a migration and kept in step after every migrate."""

from django.db.models import QuerySet

from meetings import workflow

STAFF_GROUP = "Cán bộ Sở Nội vụ"
OFFICER_GROUP = "Cán bộ đơn vị"

# Provincial staff: every permission of the register's apps.
STAFF_APPS = ("clusters", "meetings", "awards", "certificates", "nominations", "scoring", "news", "documents",
              "backoffice")
# Unit officers: write their meeting records and what hangs off them; nothing else.
OFFICER_PERMISSIONS = {
    ("meetings", "meeting"): ("add", "change", "view"),
    ("meetings", "attendance"): ("add", "change", "delete", "view"),
    ("meetings", "agendaitem"): ("add", "change", "delete", "view"),
    ("meetings", "resolution"): ("add", "change", "delete", "view"),
    ("meetings", "meetingphoto"): ("add", "change", "delete", "view"),
    ("meetings", "meetingdocument"): ("add", "change", "delete", "view"),
    ("meetings", "meetingtransition"): ("view",),
}
# the meetings app owns it (Meeting.Meta.permissions); one name for every check
REVIEW_PERMISSION = workflow.REVIEW_PERMISSION
FILE_PERMISSION = "meetings.add_meeting"


def sync_roles(apps) -> None:
    """Create or refresh both groups. `apps` is the migration state or the live registry."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after the last migration; the roles need them now.
    for config in apps.get_app_configs():
        if getattr(config, "models_module", None) is None:
            if not config.models:
                continue
            config.models_module = True  # a migration-state stub: it has models but no module
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.add(*Permission.objects.filter(content_type__app_label__in=STAFF_APPS))
    officer, _created = Group.objects.get_or_create(name=OFFICER_GROUP)
    wanted = Permission.objects.none()
    for (app_label, model), actions in OFFICER_PERMISSIONS.items():
        wanted |= Permission.objects.filter(
            content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
        )
    officer.permissions.set(wanted)


def sync_after_migrate(sender, app_config=None, using="default", apps=None, **kwargs):
    if sender.name != "backoffice":
        return
    from django.apps import apps as live_apps

    sync_roles(live_apps)


def officer_unit_ids(user) -> list[int]:
    """The units this account files for (empty for anyone else)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_officer_unit_ids", None)
    if cached is None:
        from clusters.models import UnitOfficer

        cached = list(UnitOfficer.objects.filter(user=user).values_list("unit_id", flat=True))
        user._officer_unit_ids = cached
    return cached


def is_officer(user) -> bool:
    return bool(officer_unit_ids(user)) and user.has_perm(FILE_PERMISSION)


def is_reviewer(user) -> bool:
    return workflow.is_reviewer(user)


def visible_meetings(user) -> QuerySet:
    """Every meeting record this account may open in the back office: all of them for
    reviewers, their own units' records for officers, none for anyone else."""
    from meetings.models import Meeting

    if is_reviewer(user):
        return Meeting.objects.all()
    if is_officer(user):
        return Meeting.objects.filter(filing_unit_id__in=officer_unit_ids(user))
    return Meeting.objects.none()
