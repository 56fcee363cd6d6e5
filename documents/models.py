"""The library of legal texts and other papers the records cite: laws, decrees, circulars,
decisions, plans, guidance, official letters and reports.

A document holds what its source gives and nothing more: its number, issuing body, signer and
dates may each be unknown ("chưa rõ") until staff fill them from the signed copy. Its status
(in force, partly amended, replaced, expired, not yet in force) is never typed: it is computed
from its dates and from the links other documents make to it (`DocumentQuerySet.with_status`),
relative to the day it is read, so a document replaced by a newly entered one shows as replaced
everywhere at once."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext_lazy

from portal.core.files import random_name
from portal.core.locking import VersionedModel
from portal.core.models import SampleDataModel, TimeStampedModel
from portal.core.text import fold, unique_slug, vn_slugify
from portal.core.uploads import validate_document
from portal.core.urls import fast_reverse


class DocumentKind(models.TextChoices):
    LAW = "law", pgettext_lazy("document kind", "law")
    DECREE = "decree", pgettext_lazy("document kind", "decree")
    CIRCULAR = "circular", pgettext_lazy("document kind", "circular")
    DECISION = "decision", pgettext_lazy("document kind", "decision")
    PLAN = "plan", pgettext_lazy("document kind", "plan")
    GUIDANCE = "guidance", pgettext_lazy("document kind", "guidance")
    OFFICIAL_LETTER = "official_letter", pgettext_lazy("document kind", "official letter")
    REPORT = "report", pgettext_lazy("document kind", "report")
    OTHER = "other", pgettext_lazy("document kind", "other document")


# How the press and the staff abbreviate each kind ("NĐ 42/2010", "TT 02/2023"): search aliases,
# folded, so a reader typing the short form finds the document.
KIND_ABBREVIATIONS = {
    DocumentKind.LAW: "",
    DocumentKind.DECREE: "nd",
    DocumentKind.CIRCULAR: "tt",
    DocumentKind.DECISION: "qd",
    DocumentKind.PLAN: "kh",
    DocumentKind.GUIDANCE: "hd",
    DocumentKind.OFFICIAL_LETTER: "cv",
    DocumentKind.REPORT: "bc",
    DocumentKind.OTHER: "",
}


class DocumentStatus(models.TextChoices):
    """Computed, never stored (see DocumentQuerySet.with_status)."""

    IN_FORCE = "in_force", _("in force")
    PARTLY_AMENDED = "partly_amended", _("in force, partly amended")
    REPLACED = "replaced", _("replaced")
    EXPIRED = "expired", _("expired")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("not yet in force")
    UNKNOWN = "unknown", _("status unknown")


class LinkKind(models.TextChoices):
    REPLACES = "replaces", _("replaces")
    AMENDS = "amends", _("amends or partly amends")
    GUIDES = "guides", _("guides")
    CITES = "cites", _("cites")


# The headings a document page gives each kind of link, read from either end.
LINK_HEADINGS = {
    LinkKind.REPLACES: (_("Replaces"), _("Replaced by")),
    LinkKind.AMENDS: (_("Amends"), _("Amended by")),
    LinkKind.GUIDES: (_("Guides"), _("Guided by")),
    LinkKind.CITES: (_("Cites"), _("Cited by")),
}

# "15/2003/QH11", "42/2010", "06/2022/QH15": the year of issue is the part after the first slash.
_NUMBER_YEAR = re.compile(r"^\s*\d+[a-zA-Z]?\s*/\s*((?:19|20)\d\d)\b")
# Ordering key of a document with no date and no year: after every dated one.
UNDATED = datetime.date(1, 1, 1)


def year_from_number(number: str) -> int | None:
    match = _NUMBER_YEAR.match(number or "")
    return int(match.group(1)) if match else None


def _link_in_effect(kind: str, today: datetime.date):
    """Links of `kind` made to the outer document by a published document and in effect on
    `today`. A link takes effect on its own date, else on the day the citing document does,
    else on the day it was signed; a link with none of these dates is taken as in effect: staff
    recorded it, and a pending one is entered with its date."""
    effect = Coalesce("date", "from_document__effective_on", "from_document__signed_on")
    return Exists(
        DocumentLink.objects.filter(to_document=OuterRef("pk"), kind=kind, from_document__is_published=True)
        .annotate(effect=effect)
        .filter(Q(effect__isnull=True) | Q(effect__lte=today))
    )


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_status(self, today: datetime.date | None = None):
        """Annotate `status` (a DocumentStatus value) as of `today` (default: the site's today).
        Usable in filters: `.with_status().filter(status=DocumentStatus.REPLACED)`.

        In this order: replaced by a published document whose replacement is in effect; past
        its expiry date; not yet at its effective date; amended by a published document in
        effect; past its effective date; otherwise unknown. Only published documents' links
        count, so a draft entry being typed changes no public page."""
        today = today or timezone.localdate()
        return self.annotate(status=Case(
            When(_link_in_effect(LinkKind.REPLACES, today), then=Value(DocumentStatus.REPLACED.value)),
            When(expires_on__lte=today, then=Value(DocumentStatus.EXPIRED.value)),
            When(effective_on__gt=today, then=Value(DocumentStatus.NOT_YET_IN_FORCE.value)),
            When(_link_in_effect(LinkKind.AMENDS, today), then=Value(DocumentStatus.PARTLY_AMENDED.value)),
            When(effective_on__lte=today, then=Value(DocumentStatus.IN_FORCE.value)),
            default=Value(DocumentStatus.UNKNOWN.value),
            output_field=models.CharField(),
        ))


def full_text_upload_to(instance, filename):
    # Private for good, under a random name: even a published document's file goes out through
    # the checked view (portal.core.files), as an attachment that a browser never runs.
    return random_name("documents/full-text", filename)


def validate_full_text(file):
    """The full text is a PDF or a Word (DOCX) file, judged by its content."""
    validate_document(file, allowed=("pdf", "docx"))


class Document(VersionedModel, SampleDataModel, TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, db_index=True)
    number = models.CharField(
        _("number and symbol"), max_length=100, blank=True,
        help_text=_("As written on the document, e.g. “06/2022/QH15”, “1479/HD-BTĐKT”; empty when unknown."),
    )
    title = models.CharField(
        _("subject line"), max_length=500, blank=True,
        help_text=_("The title or subject line (trích yếu) as written, e.g. “Luật Thi đua, khen thưởng”; "
                    "empty when unknown."),
    )
    issuer_name = models.CharField(
        _("issuing body"), max_length=300, blank=True,
        help_text=_("As written, e.g. “Chính phủ”, “UBND tỉnh Lạng Sơn”. Filled from the unit when left empty."),
    )
    issuer_unit = models.ForeignKey(
        "clusters.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="issued_documents",
        verbose_name=_("issuing unit"),
        help_text=_("The issuing body's unit record, when it is one of the province's units."),
    )  # a unit named as an issuer is history: it is never deleted from under its documents
    signer = models.CharField(
        _("signer"), max_length=300, blank=True,
        help_text=_("Name and signing form as written, e.g. “KT. Chủ tịch, Phó Chủ tịch Nguyễn Văn A”."),
    )
    signed_on = models.DateField(_("signing date"), null=True, blank=True, help_text=_("Empty when unknown."))
    effective_on = models.DateField(
        _("effective date"), null=True, blank=True, help_text=_("The day it comes into force; empty when unknown."),
    )
    expires_on = models.DateField(
        _("expiry date"), null=True, blank=True,
        help_text=_("The day it ceases to be in force, when the document or another sets one; empty when unknown "
                    "or none. A replacement is recorded as a link, not here."),
    )
    year = models.PositiveSmallIntegerField(
        _("year of issue"), null=True, blank=True, db_index=True,
        help_text=_("Taken from the signing date, else from the number (“15/2003/QH11” → 2003); give it when only "
                    "the year is known."),
    )
    summary = models.TextField(pgettext_lazy("document", "summary"), blank=True)
    summary_by_us = models.BooleanField(
        _("summary written by us"), default=False,
        help_text=_("Tick when the summary is our own wording, not the document's: the page says so."),
    )
    source_note = models.CharField(
        _("source of this record"), max_length=500, blank=True,
        help_text=_("Where the facts above come from, e.g. “Công báo số 571+572/2022”."),
    )
    file = models.FileField(
        _("full text"), upload_to=full_text_upload_to, max_length=300, blank=True, validators=[validate_full_text],
        help_text=_("PDF or DOCX, up to 20 MB."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, db_index=True, help_text=_("Only published documents are shown to the public."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False, db_index=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    # Written on save, never typed: the filter's issuer key, the list's order and the folded search text.
    issuer_slug = models.SlugField(max_length=200, blank=True, editable=False, db_index=True)
    sort_date = models.DateField(editable=False, default=UNDATED)
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"), editable=False,
    )  # accounts are deactivated, not deleted; if one ever is, the record stays
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("updated by"), editable=False,
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-sort_date", "-id"]
        indexes = [models.Index(fields=["is_published", "-sort_date", "-id"], name="document_public_order")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(number="") | ~Q(title=""), name="document_named",
                violation_error_message=_("Give the number and symbol, the subject line, or both."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(effective_on__isnull=True)
                | Q(expires_on__gt=F("effective_on")),
                name="document_expires_after_effect",
                violation_error_message=_("A document ceases to be in force after the day it comes into force."),
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False), name="document_published_has_time",
                violation_error_message=_("A published document needs a publication time."),
            ),
        ]

    def __str__(self):
        return self.display_title

    # --- names ----------------------------------------------------------------------------------

    @property
    def kind_label(self) -> str:
        return capfirst(self.get_kind_display())

    @property
    def named_by_title(self) -> bool:
        """A law is cited by its name ("Luật Thi đua, khen thưởng số 06/2022/QH15"), other
        documents by their kind ("Nghị định số 152/2025/NĐ-CP")."""
        return self.kind == DocumentKind.LAW and bool(self.title)

    @property
    def reference(self) -> str:
        """'Nghị định số 152/2025/NĐ-CP'; empty when the number is unknown."""
        if not self.number:
            return ""
        if self.named_by_title:
            return _("%(title)s no. %(number)s") % {"title": self.title, "number": self.number}
        return _("%(kind)s no. %(number)s") % {"kind": self.kind_label, "number": self.number}

    @property
    def subject(self) -> str:
        """The subject line, when the heading (display_title) does not already say it."""
        return "" if not self.reference or self.named_by_title else self.title

    @property
    def display_title(self) -> str:
        """The reference when the number is known, else the subject line as written."""
        return self.reference or self.title

    @property
    def slug_text(self) -> str:
        """The heading with the number's slashes as spaces: slugify drops a "/", so
        "91/2017/NĐ-CP" would run together as `912017nd-cp`; this gives `91-2017-nd-cp`."""
        return re.sub(r"[/\\.]+", " ", self.display_title)

    @property
    def citation(self) -> str:
        """The document as a legal basis names it, from what is known: 'Nghị định số 91/2017/NĐ-CP
        ngày 31/7/2017 của Chính phủ', then the subject line; 'Luật Thi đua, khen thưởng số
        06/2022/QH15'. For a decision's "Căn cứ …" lines."""
        parts = [self.display_title]
        if self.signed_on:
            day = self.signed_on
            parts.append(_("of %(date)s") % {"date": f"{day.day}/{day.month}/{day.year}"})
        if self.issuer_name and not self.named_by_title:
            parts.append(_("by %(issuer)s") % {"issuer": self.issuer_name})
        if self.subject:
            parts.append(self.subject[:1].lower() + self.subject[1:])
        return " ".join(str(part) for part in parts)

    # --- derived columns -----------------------------------------------------------------------

    def save(self, *args, **kwargs):
        self.fill_derived()
        # Slug and search text are Vietnamese whatever language the editor uses.
        with override(settings.LANGUAGE_CODE):
            if not self.slug:
                self.slug = unique_slug(Document, self.slug_text, instance=self, max_length=120)
            self.search_title = fold(" ".join([self.display_title, self.title]))
            self.search_text = fold(" ".join(filter(None, [
                self.kind_label, KIND_ABBREVIATIONS.get(self.kind, ""), self.number,
                # "152/2025/NĐ-CP" is also found as "152 2025" or "nd cp 152"
                re.sub(r"[/\-.]", " ", self.number), self.title, self.issuer_name, self.signer, self.summary,
            ])))
        self.stamp_publication()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "slug", "search_title", "search_text", "published_at",
                                       "issuer_name", "issuer_slug", "year", "sort_date"}
        super().save(*args, **kwargs)

    def stamp_publication(self):
        """The first publication's time, for the feed of new documents; kept when unpublished."""
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()

    def fill_derived(self):
        """The issuer as written from its unit, the year from the date or the number, and the
        list's ordering key."""
        self.number = (self.number or "").strip()
        self.title = (self.title or "").strip()
        if self.issuer_unit_id and not self.issuer_name:
            self.issuer_name = self.issuer_unit.short_name or self.issuer_unit.name
        self.issuer_name = (self.issuer_name or "").strip()
        self.issuer_slug = vn_slugify(self.issuer_name, max_length=200)
        # the date, else the number, else what staff typed (a guidance "1479/HD-BTĐKT" of 2016)
        self.year = self.signed_on.year if self.signed_on else (year_from_number(self.number) or self.year)
        self.sort_date = self.signed_on or (datetime.date(self.year, 1, 1) if self.year else UNDATED)

    def clean(self):
        self.stamp_publication()
        # The year in the number is the year of signing: a contradiction is a typing slip.
        number_year = year_from_number(self.number)
        if self.signed_on and number_year and number_year != self.signed_on.year:
            raise ValidationError({"signed_on": _(
                "The number says %(year)s but the signing date is in another year; check both."
            ) % {"year": number_year}})

    def get_absolute_url(self):
        return fast_reverse("documents:detail", slug=self.slug)

    @property
    def is_public(self) -> bool:
        return self.is_published

    @property
    def status_label(self) -> str:
        """The computed status in words; only on rows read through with_status()."""
        return capfirst(DocumentStatus(getattr(self, "status", DocumentStatus.UNKNOWN)).label)

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file and "." in self.file.name else ""

    @property
    def download_name(self) -> str:
        """'nghi-dinh-so-152-2025-nd-cp.pdf': the stored name is random."""
        extension = self.file.name.rsplit(".", 1)[-1].lower() if self.file and "." in self.file.name else ""
        base = vn_slugify(self.slug_text, max_length=80) or "van-ban"
        return f"{base}.{extension}".rstrip(".")


class DocumentLink(models.Model):
    """One document's relation to another, entered on the document that makes it: the new decree
    replaces the old one, a circular guides a decree, a decision cites a law."""

    from_document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("legal document"),
    )  # a link is part of the record of the document that makes it
    to_document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="links_in", verbose_name=_("linked document"),
    )  # a document others replace, amend or cite is not deleted from under them
    kind = models.CharField(_("relation"), max_length=10, choices=LinkKind.choices)
    date = models.DateField(
        _("in effect from"), null=True, blank=True,
        help_text=_("The day the relation takes effect, when it differs from the document's effective date; "
                    "empty when unknown."),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("E.g. which articles are amended, as written."),
    )

    class Meta:
        verbose_name = _("link between documents")
        verbose_name_plural = _("links between documents")
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["to_document", "kind"], name="documentlink_in")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_document=F("to_document")), name="documentlink_not_to_itself",
                violation_error_message=_("A document cannot be linked to itself."),
            ),
            models.UniqueConstraint(
                fields=["from_document", "to_document", "kind"], name="documentlink_once",
                violation_error_message=_("This link is already recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.from_document} → {self.get_kind_display()} → {self.to_document}"

    def clean(self):
        if self.from_document_id and self.to_document_id and self.kind == LinkKind.REPLACES and (
            DocumentLink.objects.filter(from_document_id=self.to_document_id, to_document_id=self.from_document_id,
                                        kind=LinkKind.REPLACES).exists()
        ):
            raise ValidationError({"to_document": _("That document is recorded as replacing this one.")})
