"""Field-level history of the register, written by model signals so that every path (the
admin, the back office, any later view) is covered without each one remembering to log.

Only changes made by a signed-in person are recorded: the actor comes from the request (set by
AuditActorMiddleware). Scripts, migrations and the demo loader run without one, so bulk jobs
pay nothing."""

import contextvars
import datetime
import re
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

_actor = contextvars.ContextVar("audit_actor", default=None)

# model label -> name of the field pointing at the record it belongs to (None: it is one).
AUDITED = {
    "clusters.Unit": None,
    "clusters.Person": None,
    "clusters.Position": None,
    "clusters.Cluster": None,
    "clusters.ClusterYear": None,
    "clusters.ClusterMember": "cluster_year",
    "clusters.UnitOfficer": None,
    "meetings.Meeting": None,
    "meetings.Attendance": "meeting",
    "meetings.AgendaItem": "meeting",
    "meetings.Resolution": "meeting",
    "meetings.Ranking": "meeting",
    "meetings.MeetingPhoto": "meeting",
    "meetings.MeetingDocument": "meeting",
    "awards.Decision": None,
    "awards.DecisionLine": "decision",
    # the legal rules decisions are judged by, and what the public reads
    "awards.Award": None,
    "awards.AwardRule": None,
    "awards.BaseSalary": None,
    "news.Article": None,
    "news.ArticlePhoto": "article",
    "news.SiteProfile": None,
}
# Written by the machine, not by a person: noise in a history.
SKIPPED_FIELDS = {"search_text", "search_title", "updated_at", "created_at", "updated_by", "created_by",
                  "thumbnail", "display", "thumb_width", "thumb_height", "display_width", "display_height"}


@contextmanager
def acting_as(user, source: str):
    token = _actor.set((user, source))
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


def _value(instance, field):
    value = field.value_from_object(instance)
    if value is None:
        return None
    if hasattr(value, "name") and not isinstance(value, str):  # files: the stored name
        return value.name or None
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return value if isinstance(value, (bool, int, float)) else str(value)


def _snapshot(instance) -> dict:
    return {
        field.attname: _value(instance, field)
        for field in instance._meta.concrete_fields
        if field.name not in SKIPPED_FIELDS and not field.primary_key
    }


def _labelled(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return str(field.verbose_name)
    return attname


def _describe_fk(model, attname, value):
    """A changed link is recorded by name, not by a bare id."""
    for field in model._meta.concrete_fields:
        if field.attname == attname and field.is_relation and value is not None:
            related = field.related_model._default_manager.filter(pk=value).first()
            return f"{related} (#{value})" if related is not None else f"#{value}"
    return value


def _root(instance, parent_field):
    if parent_field is None:
        return ContentType.objects.get_for_model(instance), str(instance.pk)
    field = instance._meta.get_field(parent_field)
    return ContentType.objects.get_for_model(field.related_model), str(getattr(instance, field.attname))


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or current_actor() is None:
        return
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    actor = current_actor()
    if raw or actor is None:
        return
    from .models import AuditAction

    before = getattr(instance, "_audit_before", None)
    after = _snapshot(instance)
    if before is None:
        changes = {name: [None, value] for name, value in after.items() if value not in (None, "", False)}
        action = AuditAction.CREATE
    else:
        changes = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
        action = AuditAction.CHANGE
        if not changes:
            return
    _write(sender, instance, action, changes, actor)
    instance._audit_before = after


def _after_delete(sender, instance, **kwargs):
    actor = current_actor()
    if actor is None:
        return
    from .models import AuditAction

    _write(sender, instance, AuditAction.DELETE, {}, actor)


def _write(sender, instance, action, changes, actor):
    from .models import AuditEntry

    user, source = actor
    readable = {}
    for attname, (old, new) in changes.items():
        if attname.endswith("_id"):
            old, new = _describe_fk(sender, attname, old), _describe_fk(sender, attname, new)
        readable[_labelled(sender, attname)] = [old, new]
    root_type, root_id = _root(instance, AUDITED[sender._meta.label])
    AuditEntry.objects.create(
        actor=user if user is not None and user.pk else None, actor_name=str(user)[:200], source=source,
        action=action, content_type=ContentType.objects.get_for_model(sender), object_id=str(instance.pk),
        object_repr=str(instance)[:300], root_type=root_type, root_id=root_id, changes=readable,
    )


def connect():
    from meetings import workflow

    # the four-eyes rule asks the history who edited a record
    workflow.register_edit_trail(edited_in_back_office)
    for label in AUDITED:
        try:
            model = apps.get_model(label)
        except LookupError:  # an app not installed on this site
            continue
        uid = f"audit-{label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")


def history_of(obj):
    """The history of a record and of the rows that belong to it, newest first."""
    from .models import AuditEntry

    return AuditEntry.objects.filter(
        root_type=ContentType.objects.get_for_model(obj), root_id=str(obj.pk)
    ).select_related("content_type")


# --- the history as people read it ------------------------------------------------------------
#
# Changes are stored as they were when written: the field's label in the language of the moment,
# raw choice codes, ISO dates, links as "name (#id)". They are made readable here, at display
# time, from the model's own fields, so rows written long ago read as well as today's.

# Fields people do not type but still want to see change.
_SHOWN_MACHINE_FIELDS = {"published_at"}
_LINK_ID = re.compile(r" \(#\d+\)$")
_FIELD_MAPS = {}


def _fields_by_label(model) -> dict:
    """Every name a change of `model` may be stored under (its label in each of the site's
    languages, its name, its attname) -> the field."""
    found = _FIELD_MAPS.get(model)
    if found is None:
        found = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for field in model._meta.concrete_fields:
                    found.setdefault(str(field.verbose_name), field)
        for field in model._meta.concrete_fields:
            found.setdefault(field.name, field)
            found.setdefault(field.attname, field)
        _FIELD_MAPS[model] = found
    return found


def _readable_value(field, value) -> str:
    if value in (None, "", []):
        return "–"
    if field is None:
        return str(value)
    if field.choices and not field.is_relation:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(capfirst(labels.get(str(value), value)))
    if isinstance(field, models.BooleanField):
        return _("yes") if value in (True, "True", "true") else _("no")
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(str(value))
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%d/%m/%Y %H:%M")
        if isinstance(field, models.DateField):
            return datetime.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
        if isinstance(field, models.TimeField):
            return datetime.time.fromisoformat(str(value)).strftime("%H:%M")
    except ValueError:  # written by hand or by an older format: shown as it is
        return str(value)
    if field.is_relation:
        return _LINK_ID.sub("", str(value))
    return str(value)


def readable_changes(entry) -> list[tuple[str, str, str]]:
    """[(field label, old, new)] of one history entry, in the current language."""
    model = entry.content_type.model_class()
    fields = _fields_by_label(model) if model is not None else {}
    rows = []
    for name, values in (entry.changes or {}).items():
        old, new = (list(values) + [None, None])[:2] if isinstance(values, (list, tuple)) else (None, values)
        field = fields.get(name)
        if field is not None and not field.editable and field.name not in _SHOWN_MACHINE_FIELDS:
            continue  # a counter or a sort key the machine keeps (version, sort date): noise to people
        label = str(capfirst(field.verbose_name)) if field is not None else name
        rows.append((label, _readable_value(field, old), _readable_value(field, new)))
    return rows


def readable_history(obj, limit: int = 200) -> list:
    """The newest `limit` entries of history_of(obj), each with `.readable` rows to show."""
    entries = list(history_of(obj)[:limit])
    for entry in entries:
        entry.readable = readable_changes(entry)
    return entries


# --- who edited a record, for the four-eyes rule ------------------------------------------------

# A change of these fields is a move of the workflow (logged as such), not an edit of the record.
_WORKFLOW_FIELDS = {"record_state", "published_at", "version"}


def edited_in_back_office(meeting, user) -> bool:
    """Whether `user` changed `meeting` or its rows in the back office, where only the filing
    unit's officers edit (a reviewer's steps there change only the workflow fields)."""
    from .models import AuditEntry

    meeting_type = ContentType.objects.get_for_model(meeting)
    entries = AuditEntry.objects.filter(
        root_type=meeting_type, root_id=str(meeting.pk), actor=user, source="backoffice"
    ).values_list("content_type_id", "changes")
    fields = _fields_by_label(type(meeting))
    for content_type_id, changes in entries:
        if content_type_id != meeting_type.pk:
            return True
        names = {fields[name].name if name in fields else name for name in (changes or {})}
        if names - _WORKFLOW_FIELDS:
            return True
    return False
