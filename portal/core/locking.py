"""Optimistic locking: two people editing the same record must not silently overwrite each other.

A versioned record counts its saves in `version`. A change form carries the version it was
opened at and a signed snapshot of the values it showed; saving it when the record has moved on
meanwhile is refused with a message naming what changed (and the rest of the input is kept).
Every save of the row moves the version on, so a change of its inline rows, an import into it or
a state change counts as a change of the record (the admin and the services save the row too)."""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SNAPSHOT_SALT = "portal.core.locking.snapshot"


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert") and not self._state.adding:
            # in the database, not from the (possibly stale) value in memory
            self.version = F("version") + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)
            self.refresh_from_db(fields=["version"])
            return
        super().save(*args, **kwargs)


def _display(instance, field) -> str:
    value = getattr(instance, field.name, None)
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if value is None or value == "":
        return "–"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y") if not hasattr(value, "hour") else value.strftime("%d/%m/%Y %H:%M")
    return str(value)


def snapshot(instance, names) -> dict:
    out = {}
    for name in names:
        field = next((f for f in instance._meta.concrete_fields if f.name == name), None)
        if field is not None:  # form-only fields have no stored value
            out[name] = _display(instance, field)
    return out


def conflict_message(model, before: dict, now: dict) -> str:
    changed = [
        gettext("%(field)s: now “%(value)s”") % {
            "field": model._meta.get_field(name).verbose_name, "value": now.get(name, "–")}
        for name in before if before.get(name) != now.get(name)
    ]
    if changed:
        return gettext(
            "Someone else saved this record while you were editing it, so your changes were not saved. "
            "Changed meanwhile: %(changes)s. Your input is kept below: compare, then save again."
        ) % {"changes": "; ".join(changed)}
    return gettext(
        "Someone else saved this record (or its rows) while you were editing it, so your changes were not "
        "saved. Your input is kept below: reload the page in another tab to compare, then save again."
    )


class VersionCheckFormMixin(forms.Form):
    """For a ModelForm of a VersionedModel: the hidden version and snapshot, and the check."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lock_snapshot = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["lock_version"] = self.instance.version
            names = [name for name in self.fields if not name.startswith("lock_")]
            self.initial["lock_snapshot"] = signing.dumps(snapshot(self.instance, names), salt=SNAPSHOT_SALT)

    def clean(self):
        cleaned = super().clean()
        self.check_version()
        return cleaned

    def check_version(self):
        instance = self.instance
        if not instance.pk:
            return
        posted = self.cleaned_data.get("lock_version")
        model = type(instance)
        # Locked until the transaction ends (the admin's change view runs in one), so two saves
        # checked at the same moment cannot both pass.
        current = model._default_manager.select_for_update().filter(pk=instance.pk).first()
        if current is None or posted is None or current.version == posted:
            return
        try:
            before = signing.loads(self.cleaned_data.get("lock_snapshot") or "", salt=SNAPSHOT_SALT)
        except signing.BadSignature:
            before = {}
        raise ValidationError(conflict_message(model, before, snapshot(current, before.keys())),
                              code="edit_conflict")


class OptimisticLockAdminMixin:
    """Admin change forms of versioned models refuse a save over someone else's. The hidden
    fields are rendered by portal/core/templates/admin/change_form.html, outside the fieldsets."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        kwargs["form"] = type(base.__name__, (VersionCheckFormMixin, base), {})
        return super().get_form(request, obj, change=change, **kwargs)


def bump_version(obj) -> None:
    """A change made without saving the row itself (its member rows, an import into it) still
    moves the record's version on, so an editor who opened it before is told."""
    type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)
