from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class Photo(SampleDataModel):
    """What meeting and news photos share: the rendition sizes, caption, required alt text and
    order. Each concrete model adds its owner, its image fields (their folders differ) and the
    alt-text constraint; portal.core.uploads makes the renditions."""

    thumb_width = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    thumb_height = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    display_width = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    display_height = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("alternative text"), max_length=300, help_text=_("What the photo shows, for readers who cannot see it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.caption or self.alt_text

    # templates/includes/gallery.html reads these
    @property
    def thumb_url(self):
        return (self.thumbnail or self.image).url

    @property
    def display_url(self):
        return (self.display or self.image).url


class PathRedirect(models.Model):
    """An address the site once had and where that page lives now, kept forever: links in old
    e-mails, printed documents and search engines keep working after a slug is remade.

    Only a 404 consults this table (portal.core.middleware.PathRedirectMiddleware), so ordinary
    pages pay nothing for it. Written by portal.core.services.path_redirect_record, which keeps
    every entry one hop from the newest address."""

    # Longer than any public address: /tin-tuc/ plus an article's 200-character slug is 210.
    old_path = models.CharField(
        _("old address"), max_length=500, unique=True,
        help_text=_("The path the page had, from the first slash, e.g. /tin-tuc/chuyen-muc/cm-thi-djua-s-2/."),
    )
    new_path = models.CharField(
        _("new address"), max_length=500, help_text=_("Where visitors of the old address are sent, e.g. /tin-tuc/."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(old_path__startswith="/") & Q(new_path__startswith="/"),
                name="pathredirect_site_paths",
                violation_error_message=_("Both addresses are paths of this site and start with “/”."),
            ),
            models.CheckConstraint(
                condition=~Q(old_path=F("new_path")), name="pathredirect_goes_elsewhere",
                violation_error_message=_("The new address must differ from the old one."),
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


# Withdrawals, restorations and purges (portal.core.withdrawal writes them).
class RecordAction(models.TextChoices):
    WITHDRAW = "withdraw", _("withdrawn")
    RESTORE = "restore", _("restored")
    PURGE = "purge", _("purged")


class RecordLog(models.Model):
    """Withdrawals, restorations and purges: who, when, which record, why."""

    model = models.CharField(_("kind of record"), max_length=100)
    object_id = models.CharField(_("record number"), max_length=40)
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=RecordAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=pgettext_lazy("record log", "by"),
    )  # the log outlives the account
    at = models.DateTimeField(pgettext_lazy("record log", "at"), default=timezone.now, db_index=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("withdrawal or purge")
        verbose_name_plural = _("withdrawals and purges")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"


def _pending_upload_to(instance, filename):
    from .files import random_name

    return random_name("pending", filename, private=True)


class PendingUpload(models.Model):
    """A file someone chose in a form whose save was refused, kept so they need not choose it
    again: the form carries its token, and only the same user's next save may use it.

    Private storage, images without their metadata; rows (and their files) older than a day
    are purged (portal.core.pending.pending_uploads_purge)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user"),
    )  # an upload that nobody can use any more goes with its account
    token = models.CharField(_("token"), max_length=40, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to=_pending_upload_to, max_length=300)
    thumbnail = models.FileField(_("thumbnail"), upload_to=_pending_upload_to, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return bool(self.thumbnail)
