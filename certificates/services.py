"""Writes of the certificates app: printing, which gives register numbers and logs the job.

The register's numbers run per kind and year and are never reused: a number is given inside the
printing transaction, under a lock on the (kind, year) counter row (SELECT … FOR UPDATE on
PostgreSQL; on SQLite the portal opens every transaction IMMEDIATE, which takes the database's
write lock first, so two prints wait for each other there too). The unique constraint on
(kind, year, number) is the last guard. The PDF is drawn inside the same transaction: a text that
does not fit refuses the whole job, and no number is spent on a certificate that was not printed."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.models import DecisionLine, RecordStatus

from . import selectors
from .models import (
    CertificateCounter,
    CertificateLayout,
    CertificateNumber,
    CertificatePrint,
    CertificatePrintItem,
    PrinterProfile,
)
from .render import FitError, render
from .texts import certificate_page, line_texts


class PrintRefused(Exception):
    """The job cannot be printed; `messages` say why, line by line, for the staff."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


@dataclass
class PlannedLine:
    line: DecisionLine
    layout: CertificateLayout | None
    number: CertificateNumber | None  # given at an earlier print: this one is a reprint
    problem: str = ""

    @property
    def is_reprint(self) -> bool:
        return self.number is not None


def line_problem(line: DecisionLine, layout: CertificateLayout | None) -> str:
    decision = line.decision
    name = line.name_text
    if decision.is_withdrawn:
        return _("%(name)s: the decision is withdrawn.") % {"name": name}
    if decision.status == RecordStatus.REVOKED or line.status == RecordStatus.REVOKED:
        return _("%(name)s: the award is revoked.") % {"name": name}
    if not decision.is_signed:
        # a certificate cites the decision: its number and date must be known, never “chưa rõ”
        return _("%(name)s: the decision's number or signing date is unknown.") % {"name": name}
    if layout is None:
        return _("%(name)s: no layout in use prints “%(award)s”.") % {"name": name, "award": line.award.name}
    return ""


def print_plan(lines) -> list[PlannedLine]:
    """What a job would print: each line's layout, earlier number (reprint) and any refusal."""
    layouts = selectors.active_layouts()
    plan = []
    for line in lines:
        layout = selectors.layout_for(line, layouts)
        plan.append(PlannedLine(line, layout, selectors.existing_number(line), line_problem(line, layout)))
    return plan


def _give_numbers(planned: list[PlannedLine], *, user) -> None:
    """Give each first-printed line the next numbers of its kind and year, in the list's order."""
    wanted: dict[tuple[str, int], list[PlannedLine]] = {}
    for item in planned:
        if item.number is None:
            wanted.setdefault((item.layout.kind, item.line.decision.signed_on.year), []).append(item)
    for (kind, year), items in sorted(wanted.items()):
        try:
            with transaction.atomic():  # a savepoint: a concurrent first print of this year may win the insert
                CertificateCounter.objects.get_or_create(kind=kind, year=year)
        except IntegrityError:
            pass
        counter = CertificateCounter.objects.select_for_update().get(kind=kind, year=year)
        for item in items:
            counter.last_number += 1
            item.number = CertificateNumber.objects.create(
                kind=kind, year=year, number=counter.last_number, line=item.line,
                name_text=item.line.name_text[:300], award_text=item.line.award.name[:300],
                decision_text=item.line.decision.number_text[:200], assigned_by=user,
            )
        counter.save(update_fields=["last_number"])


def certificates_print(*, lines, profile: PrinterProfile | None, user) -> tuple[bytes, CertificatePrint]:
    """Print the lines (one certificate per page, in the list's order) with the profile's offsets;
    give register numbers to the lines printed for the first time; log the job. Raises
    PrintRefused, printing nothing and spending no number, when any line cannot be printed."""
    lines = list(lines)
    if not lines:
        raise PrintRefused([_("No line to print.")])
    with transaction.atomic():
        # lock the lines' numbers first: two staff printing the same line give it one number
        ids = [line.pk for line in lines]
        list(DecisionLine.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        planned = print_plan(selectors.printable_lines(line_ids=ids))  # read again, under the lock
        problems = [item.problem for item in planned if item.problem]
        if problems:
            raise PrintRefused(problems)
        reprints = {item.line.pk for item in planned if item.is_reprint}
        try:
            _give_numbers(planned, user=user)
        except IntegrityError:
            raise PrintRefused([_("Another print gave these lines their numbers at the same moment: print again.")]) \
                from None
        pages = [
            certificate_page(item.layout, item.layout.fields.all(),
                             line_texts(item.line, register_number=item.number.display),
                             label=item.line.name_text)
            for item in planned
        ]
        offsets = (float(profile.x_offset_mm), float(profile.y_offset_mm)) if profile else (0.0, 0.0)
        try:
            pdf = render(pages, offset_mm=offsets, title=_("Certificates"))
        except FitError as exc:
            raise PrintRefused([str(exc)]) from None
        job = CertificatePrint.objects.create(
            printed_by=user if user and user.is_authenticated else None, profile=profile,
            profile_name=profile.name if profile else "", x_offset_mm=offsets[0], y_offset_mm=offsets[1],
        )
        CertificatePrintItem.objects.bulk_create([
            CertificatePrintItem(print_job=job, line=item.line, certificate=item.number, layout=item.layout,
                                 is_reprint=item.line.pk in reprints)
            for item in planned
        ])
    return pdf, job
