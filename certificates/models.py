"""Paper certificates printed on the office's pre-printed blanks (phôi): how each blank is laid
out, how each printer is calibrated, what was printed by whom, and the certificate register
(số vào sổ: each certificate's running number per kind and year, given at its first print and
never reused).

Measurements are in millimetres from the top-left corner of the blank as it lies in the printer
(what a ruler on the paper gives); font sizes are in points."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.models import Award, AwardCategory, DecisionLine, IssuerRole
from portal.core.files import random_name
from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.uploads import validate_image


class CertificateKind(models.TextChoices):
    BANG_KHEN = "bang_khen", _("Certificate of merit (Bằng khen)")
    GIAY_KHEN = "giay_khen", _("Certificate of commendation (Giấy khen)")
    TITLE = "title", _("Certificate of an emulation title (Giấy chứng nhận danh hiệu)")


# Which awards a kind's general layout prints when no layout names the award itself. A flag
# (Cờ thi đua) is an emulation title but is not printed on paper: see CertificateLayout.applies_to.
KIND_CATEGORIES = {
    CertificateKind.BANG_KHEN: AwardCategory.CERTIFICATE_OF_MERIT,
    CertificateKind.GIAY_KHEN: AwardCategory.CERTIFICATE_OF_COMMENDATION,
    CertificateKind.TITLE: AwardCategory.EMULATION_TITLE,
}


def is_flag(award: Award) -> bool:
    """Flags are emulation titles whose code says so (government_emulation_flag, …)."""
    return award.code.endswith("_flag")


def blank_scan_path(instance, filename):
    return random_name("certificates/blanks", filename, private=True)


class Orientation(models.TextChoices):
    PORTRAIT = "portrait", _("portrait")
    LANDSCAPE = "landscape", _("landscape")


class CertificateLayout(SampleDataModel, TimeStampedModel):
    """Where each text goes on one kind of pre-printed blank."""

    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. Bằng khen của Chủ tịch UBND tỉnh, phôi 2024."))
    kind = models.CharField(_("kind of certificate"), max_length=20, choices=CertificateKind.choices)
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="certificate_layouts",
        verbose_name=_("award"),
        help_text=_("The award this blank is for. Empty: every award of the kind that no other layout names."),
    )  # PROTECT: a catalogue row with a blank in use is not deleted by accident
    issuer_role = models.ForeignKey(
        IssuerRole, on_delete=models.PROTECT, null=True, blank=True, related_name="certificate_layouts",
        verbose_name=_("issuing authority"),
        help_text=_("For a blank used by one authority only (a Giấy khen of a district chair). Empty: any authority."),
    )
    width_mm = models.DecimalField(_("sheet width (mm)"), max_digits=6, decimal_places=1, default=210,
                                   help_text=_("The short side of the sheet, e.g. 210 for A4."))
    height_mm = models.DecimalField(_("sheet height (mm)"), max_digits=6, decimal_places=1, default=297,
                                    help_text=_("The long side of the sheet, e.g. 297 for A4."))
    orientation = models.CharField(_("orientation"), max_length=10, choices=Orientation.choices,
                                   default=Orientation.LANDSCAPE)
    blank_scan = models.FileField(
        _("scan of the blank"), upload_to=blank_scan_path, max_length=255, blank=True,
        validators=[validate_image],
        help_text=_("JPEG or PNG of the empty blank, the whole sheet. Used only under the preview, never printed."),
    )  # a plain FileField: ImageField's own check would hide validate_image's clearer messages
    active = models.BooleanField(_("in use"), default=True, help_text=_("Layouts of old blanks are kept, not used."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(width_mm__gt=0, height_mm__gt=0), name="certificatelayout_size_positive",
                                   violation_error_message=_("The sheet's width and height must be positive.")),
        ]

    def __str__(self):
        return self.name

    @property
    def page_size_mm(self) -> tuple[float, float]:
        """(width, height) of the page as printed: a landscape sheet lies on its long side."""
        short, long = sorted((float(self.width_mm), float(self.height_mm)))
        return (long, short) if self.orientation == Orientation.LANDSCAPE else (short, long)

    def applies_to(self, line: DecisionLine) -> bool:
        if self.issuer_role_id and self.issuer_role_id != line.decision.issuer_role_id:
            return False
        if self.award_id:
            return self.award_id == line.award_id
        return line.award.category == KIND_CATEGORIES[self.kind] and not is_flag(line.award)

    def specificity(self) -> int:
        return 2 * bool(self.award_id) + bool(self.issuer_role_id)


class FieldSource(models.TextChoices):
    NAME = "name", _("name")
    TITLE_AND_UNIT = "title_and_unit", _("title and unit")
    ACHIEVEMENT = "achievement", _("achievement")
    AWARD = "award", _("award (title and class)")
    DECISION = "decision", _("decision number and date")
    SIGNER_TITLE = "signer_title", _("signer's title")
    SIGNER_NAME = "signer_name", _("signer's name")
    REGISTER_NUMBER = "register_number", _("register number")
    PLACE_AND_DATE = "place_and_date", _("place and date")
    FIXED_TEXT = "fixed_text", _("fixed text")


class Alignment(models.TextChoices):
    LEFT = "left", _("left")
    CENTER = "center", _("centre")
    RIGHT = "right", _("right")


class LayoutField(models.Model):
    """One text of the certificate and the box it must stay inside."""

    layout = models.ForeignKey(CertificateLayout, on_delete=models.CASCADE, related_name="fields",
                               verbose_name=_("layout"))  # part of the layout
    source = models.CharField(_("text"), max_length=20, choices=FieldSource.choices)
    text = models.CharField(
        _("place or fixed text"), max_length=300, blank=True,
        help_text=_("For “place and date”: the place, e.g. Lạng Sơn. For “fixed text”: the text itself."),
    )
    prefix = models.CharField(
        _("prefix"), max_length=100, blank=True,
        help_text=_("Printed before the value when the blank does not carry it, e.g. Số vào sổ: "),
    )
    x_mm = models.DecimalField(_("left (mm)"), max_digits=6, decimal_places=1)
    y_mm = models.DecimalField(_("top (mm)"), max_digits=6, decimal_places=1)
    width_mm = models.DecimalField(_("width (mm)"), max_digits=6, decimal_places=1)
    height_mm = models.DecimalField(_("height (mm)"), max_digits=6, decimal_places=1)
    font_size = models.DecimalField(_("font size (pt)"), max_digits=4, decimal_places=1, default=14)
    min_font_size = models.DecimalField(
        _("smallest font size (pt)"), max_digits=4, decimal_places=1, default=10,
        help_text=_("A long text shrinks down to this size; if it still does not fit, printing is refused."),
    )
    bold = models.BooleanField(_("bold"), default=False)
    italic = models.BooleanField(_("italic"), default=False)
    uppercase = models.BooleanField(_("capitals"), default=False)
    align = models.CharField(_("alignment"), max_length=10, choices=Alignment.choices, default=Alignment.CENTER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("layout field")
        verbose_name_plural = _("layout fields")
        ordering = ["layout", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(width_mm__gt=0, height_mm__gt=0), name="layoutfield_box_positive",
                violation_error_message=_("A box needs a positive width and height."),
            ),
            models.CheckConstraint(
                condition=Q(min_font_size__gt=0, min_font_size__lte=F("font_size")), name="layoutfield_font_sizes",
                violation_error_message=_("The smallest font size must be positive and not above the font size."),
            ),
        ]

    def __str__(self):
        return self.get_source_display()


class PrinterProfile(TimeStampedModel):
    """A printer's calibration: how far it shifts the text from where the layout puts it."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("E.g. Canon LBP phòng Thi đua."))
    x_offset_mm = models.DecimalField(_("shift right (mm)"), max_digits=5, decimal_places=1, default=0,
                                      help_text=_("Negative shifts the text to the left."))
    y_offset_mm = models.DecimalField(_("shift down (mm)"), max_digits=5, decimal_places=1, default=0,
                                      help_text=_("Negative shifts the text up."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("printer profile")
        verbose_name_plural = _("printer profiles")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CertificateCounter(models.Model):
    """The last number given in the register of one kind and year: locked while numbers are given."""

    kind = models.CharField(_("kind of certificate"), max_length=20, choices=CertificateKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="certificatecounter_unique_kind_year")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}: {self.last_number}"


class CertificateNumber(models.Model):
    """One entry of the certificate register (số vào sổ): given at a line's first print, kept for
    every reprint, never reused. It keeps what was printed, so the register survives a changed or
    deleted line."""

    kind = models.CharField(_("kind of certificate"), max_length=20, choices=CertificateKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the decision was signed."))
    number = models.PositiveIntegerField(_("number"))
    line = models.OneToOneField(
        DecisionLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="certificate_number",
        verbose_name=_("decision line"),
    )  # SET_NULL: the register entry outlives the line, so its number is never given again
    name_text = models.CharField(_("name as printed"), max_length=300)
    award_text = models.CharField(_("award as printed"), max_length=300)
    decision_text = models.CharField(_("decision as printed"), max_length=200)
    assigned_at = models.DateTimeField(_("entered on"), auto_now_add=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("entered by"))  # the register outlives accounts

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("certificate register")
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="certificatenumber_unique_number",
                                    violation_error_message=_("This number is already in the register.")),
            models.CheckConstraint(condition=Q(number__gte=1), name="certificatenumber_positive"),
        ]

    def __str__(self):
        return self.display

    @property
    def display(self) -> str:
        return f"{self.number}/{self.year}"


class CertificatePrint(models.Model):
    """One print job: who printed which lines, when, on which printer."""

    printed_at = models.DateTimeField(_("printed at"), auto_now_add=True, db_index=True)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("printed by"))  # the log outlives accounts
    profile = models.ForeignKey(PrinterProfile, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="prints", verbose_name=_("printer profile"))
    # copies: the log says what was used even after the profile is changed or deleted
    profile_name = models.CharField(_("printer"), max_length=100, blank=True)
    x_offset_mm = models.DecimalField(_("shift right (mm)"), max_digits=5, decimal_places=1, default=0)
    y_offset_mm = models.DecimalField(_("shift down (mm)"), max_digits=5, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("certificate print")
        verbose_name_plural = _("certificate prints (log)")
        ordering = ["-printed_at", "-id"]

    def __str__(self):
        return gettext("Print of %(date)s") % {"date": f"{self.printed_at:%d/%m/%Y %H:%M}" if self.printed_at else "…"}


class CertificatePrintItem(models.Model):
    """One certificate of a print job, first print or reprint."""

    print_job = models.ForeignKey(CertificatePrint, on_delete=models.CASCADE, related_name="items",
                                  verbose_name=_("print"))  # part of the job
    line = models.ForeignKey(DecisionLine, on_delete=models.SET_NULL, null=True, related_name="certificate_prints",
                             verbose_name=_("decision line"))  # the log outlives the line
    certificate = models.ForeignKey(CertificateNumber, on_delete=models.PROTECT, related_name="prints",
                                    verbose_name=_("register entry"))
    is_reprint = models.BooleanField(_("reprint"), default=False)
    layout = models.ForeignKey(CertificateLayout, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("layout"))

    class Meta:
        verbose_name = _("printed certificate")
        verbose_name_plural = _("printed certificates")
        ordering = ["print_job", "id"]

    def __str__(self):
        return str(self.certificate)
