from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.core.models import TimeStampedModel


class SiteProfile(TimeStampedModel):
    """The one row of site-wide facts shown in every page's header and footer."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    site_name = models.CharField(_("site name"), max_length=200)
    owner_name = models.CharField(
        _("managing body"), max_length=200, blank=True,
        help_text=_("The body responsible for the site, e.g. Sở Nội vụ tỉnh Lạng Sơn."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")
        constraints = [
            # A singleton the database itself guarantees.
            models.CheckConstraint(condition=Q(id=1), name="siteprofile_singleton"),
        ]

    def __str__(self):
        return self.site_name

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).first() or cls(site_name=str(_("Emulation and commendation portal")))


class LinkGroup(models.Model):
    """A list of links in the sidebar ("Sở ban ngành, huyện thị", "Liên kết Websites")."""

    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link list")
        verbose_name_plural = _("link lists")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Link(models.Model):
    group = models.ForeignKey(
        LinkGroup, on_delete=models.CASCADE, related_name="links", verbose_name=_("link list"),
    )  # a link belongs to its list and goes with it
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title
