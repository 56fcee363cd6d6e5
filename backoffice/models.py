"""Who changed what: one row per saved or deleted record of the register (decisions,
clusters, meetings and what hangs off them), with the fields that changed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")


class AuditEntry(models.Model):
    at = models.DateTimeField(pgettext_lazy("moment of a change", "at"), default=timezone.now, db_index=True)
    # The history outlives an account: the name is kept as written too.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by (as recorded)"), max_length=200, blank=True)
    source = models.CharField(_("where"), max_length=20, blank=True, help_text=_("admin or back office"))
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    # PROTECT: a model's history keeps its type row.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("kind of record"))
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    # The record a child row belongs to (a meeting for its attendees, a decision for its lines),
    # so a record's page shows its whole history in one query.
    root_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("kind of main record"))
    root_id = models.CharField(_("main record id"), max_length=64)
    changes = models.JSONField(_("changes"), default=dict, blank=True,
                               help_text=_("Field name: [old value, new value]."))

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history of changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["root_type", "root_id", "-at"], name="audit_by_root")]

    def __str__(self):
        return f"{self.object_repr} ({self.get_action_display()})"


class LoginAttempt(models.Model):
    """A failed sign-in, or the last successful one, of a (user name, address) pair: the login
    throttle's counters (backoffice/throttle.py), in the database so every worker sees them."""

    username = models.CharField(_("user name"), max_length=150)
    address = models.CharField(_("address"), max_length=64, blank=True)
    at = models.DateTimeField(pgettext_lazy("moment of a change", "at"), default=timezone.now, db_index=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)

    class Meta:
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")
        indexes = [models.Index(fields=["username", "address", "at"]), models.Index(fields=["address", "at"])]

    def __str__(self):
        return f"{self.username} @ {self.address}"
