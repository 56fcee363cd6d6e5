"""History is never deleted by staff: a record is withdrawn (with a reason, logged, reversible)
and keeps its row, so it keeps its place in every uniqueness guarantee; restoring it is the way
back. Only a superuser can purge a row for good, and the purge is logged too."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import RecordAction, RecordLog

# Sent (sender: the model, instance) inside the transaction, after a record is withdrawn or
# restored, for what is derived from it and must follow in the same commit (the statistics
# roll-up of a decision). Caches hear of it through post_save like of any save.
withdrawal_changed = Signal()


class WithdrawableModel(models.Model):
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False, db_index=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("withdrawn by"),
    )  # the record outlives the account
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def _log(obj, action, by, reason=""):
    RecordLog.objects.create(model=obj._meta.label, object_id=str(obj.pk), object_repr=str(obj)[:300],
                             action=action, by=by if by and by.is_authenticated else None, reason=reason)


@transaction.atomic
def record_withdraw(*, obj: WithdrawableModel, by, reason: str) -> WithdrawableModel:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(gettext("Say why the record is withdrawn."))
    if obj.is_withdrawn:
        return obj
    obj.withdrawn_at, obj.withdrawn_by, obj.withdrawal_reason = timezone.now(), by, reason
    obj.save()  # a full save: pages' caches and the file storage hear of it
    withdrawal_changed.send(sender=type(obj), instance=obj)
    _log(obj, RecordAction.WITHDRAW, by, reason)
    return obj


@transaction.atomic
def record_restore(*, obj: WithdrawableModel, by) -> WithdrawableModel:
    if not obj.is_withdrawn:
        return obj
    obj.withdrawn_at, obj.withdrawn_by, obj.withdrawal_reason = None, None, ""
    obj.save()
    withdrawal_changed.send(sender=type(obj), instance=obj)
    _log(obj, RecordAction.RESTORE, by)
    return obj


@transaction.atomic
def record_purge(*, obj, by, reason: str = "") -> None:
    """Delete for good; superusers only, and logged first (the row's name survives it)."""
    if not (by and by.is_active and by.is_superuser):
        raise PermissionDenied
    _log(obj, RecordAction.PURGE, by, reason or gettext("purged in the admin"))
    obj.delete()
