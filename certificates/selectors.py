"""Reads of the certificates app: the lines a print job covers and the layout each one uses."""

from django.db.models import Prefetch, QuerySet

from awards.models import DecisionLine

from .models import CertificateLayout, CertificateNumber, LayoutField


def printable_lines(*, line_ids=(), decision_ids=()) -> QuerySet:
    """The lines named, and every line of the decisions named, in the order of the attached list,
    with what a certificate prints (a fixed number of queries whatever their count)."""
    lines = DecisionLine.objects.none()
    if line_ids:
        lines = lines | DecisionLine.objects.filter(pk__in=list(line_ids))
    if decision_ids:
        lines = lines | DecisionLine.objects.filter(decision_id__in=list(decision_ids))
    return (lines.select_related("decision", "award", "award_class")
            .prefetch_related(Prefetch("certificate_number", queryset=CertificateNumber.objects.all()))
            .order_by("decision__signed_on", "decision_id", "order", "id"))


def active_layouts() -> list[CertificateLayout]:
    return list(CertificateLayout.objects.filter(active=True).select_related("award")
                .prefetch_related(Prefetch("fields", queryset=LayoutField.objects.order_by("order", "id")))
                .order_by("pk"))


def layout_for(line: DecisionLine, layouts: list[CertificateLayout]) -> CertificateLayout | None:
    """The most specific layout in use for the line: one naming its award and its issuer, then its
    award, then its issuer, then the kind's general one; the oldest of equals."""
    candidates = [layout for layout in layouts if layout.applies_to(line)]
    return max(candidates, key=lambda layout: (layout.specificity(), -layout.pk), default=None)


def existing_number(line: DecisionLine) -> CertificateNumber | None:
    try:
        return line.certificate_number
    except CertificateNumber.DoesNotExist:
        return None
