from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The portal's user from the first migration, so later fields need no swap.

    Ties to units (a unit officer may serve one or more units) live beside the units, in
    clusters, because this bottom app may import no domain app."""

    full_name = models.CharField(
        _("full name"), max_length=200, blank=True, help_text=_("As it should appear in records and e-mails.")
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class SampleDataModel(models.Model):
    """Invented demo rows say so on their public pages ("Dữ liệu mẫu"); real records do not."""

    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for the demonstration; shown publicly with a 'Sample data' label."),
    )

    class Meta:
        abstract = True
