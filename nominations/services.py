"""Every write of the nomination path. Each checks who may make it and in which state, here and
not only in the views, and logs the step (DossierEvent): who, when, from, to, why."""

from __future__ import annotations

import datetime
import hashlib
import math
import statistics
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from awards.models import Decision, Household, ProposalMemo, SigningForm, SubjectType
from awards.rules import ConfirmationRequired, LineCheck, raise_refusals, require_confirmation
from awards.services import decision_save
from clusters.models import AdministrativeLevel, Person, Unit, UnitKind

from . import notifications, workflow
from .checks import as_decision_line, dossier_lines_check
from .models import (
    ConcurrenceRequest,
    Consultation,
    ConsultationComment,
    CouncilVote,
    Deadline,
    Dossier,
    DossierAttachment,
    DossierEvent,
    DossierState,
    HoldGround,
    LineOutcome,
    NomineeLine,
    VoteThreshold,
    WorkingDayChange,
)
from .workdays import consultation_period

S = DossierState


# --- the log --------------------------------------------------------------------------------------


def _log(dossier: Dossier, user, action: str, *, from_state: str = "", to_state: str = "", reason: str = "",
         line: NomineeLine | None = None) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier, line=line, by=user if user and user.is_authenticated else None, action=action,
        from_state=from_state, to_state=to_state, reason=reason)


def _locked(dossier: Dossier) -> Dossier:
    """The row as it is now, locked for the transaction: two clicks never make two steps."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


# --- deadlines (R12) ------------------------------------------------------------------------------


def deadline_for(dossier: Dossier, lines: Sequence[NomineeLine] | None = None,
                 rows: Sequence[Deadline] | None = None) -> datetime.date | None:
    """The earliest deadline among the dossier's lines: an award's own deadline where it has one,
    else its kind's. Rows are dated: those valid on the day judged (submission, or today).

    A list of many dossiers passes each one's prefetched `lines` and every Deadline row at once
    (`rows`, in the model's order), so its cost does not grow with the list."""
    if lines is None:
        lines = list(dossier.lines.all())
    day = timezone.localtime(dossier.submitted_at).date() if dossier.submitted_at else timezone.localdate()
    if rows is None:
        rows = list(Deadline.objects.valid_on(day).filter(kind=dossier.kind))
    else:
        rows = [r for r in rows if r.kind == dossier.kind and r.valid_from <= day
                and (r.valid_to is None or r.valid_to >= day)]
    general = [r for r in rows if r.award_id is None]
    own: dict = {}
    for row in rows:  # newest first: where two rows overlap, the newer stands
        if row.award_id is not None:
            own.setdefault(row.award_id, row)
    chosen = {own[ln.award_id] for ln in lines if ln.award_id in own}
    if not lines or any(ln.award_id not in own for ln in lines):
        chosen |= set(general[:1])
    dates = []
    for row in chosen:
        year = dossier.achievement_year + row.years_after
        try:
            dates.append(datetime.date(year, row.month, row.day))
        except ValueError:  # 29/02 or 31/04 typed: the last day of that month
            dates.append(datetime.date(year, row.month + 1, 1) - datetime.timedelta(days=1))
    return min(dates) if dates else None


def days_left(dossier: Dossier, today: datetime.date | None = None, *, lines: Sequence[NomineeLine] | None = None,
              rows: Sequence[Deadline] | None = None) -> int | None:
    deadline = deadline_for(dossier, lines, rows)
    if deadline is None:
        return None
    return (deadline - (today or timezone.localdate())).days


# --- filing (the unit's officer, or staff for a paper dossier) -------------------------------------


DOSSIER_FIELDS = ("movement", "kind", "achievement_year", "addressed_role", "addressed_unit", "memo_number",
                  "memo_date", "memo_signer", "summary", "unit_members_total", "unit_members_present",
                  "unit_votes_for", "minutes", "is_sample")


def dossier_create(*, user, unit: Unit, cluster=None, **fields) -> Dossier:
    """A new draft dossier of `unit` (for `cluster` when its leader unit files for it)."""
    year = fields.get("achievement_year")
    if not workflow.may_file(user, unit, cluster, year):
        if cluster is not None:
            raise ValidationError(_("Only the leader unit of the cluster or bloc in %(year)s files its dossier.")
                                  % {"year": year}, code="not_leader")
        raise PermissionDenied
    dossier = Dossier(unit=unit, cluster=cluster, created_by=user, is_paper=workflow.is_processor(user)
                      and unit.pk not in workflow.officer_unit_ids(user), **fields)
    if dossier.addressed_role_id is None:
        from awards.models import IssuerRole

        dossier.addressed_role = IssuerRole.objects.filter(code="provincial_chair").first()
    if dossier.addressed_unit_id is None:
        # a unit's dossier goes to the province's People's Committee: its forms do not ask
        dossier.addressed_unit = (Unit.objects.internal().filter(kind=UnitKind.PEOPLES_COMMITTEE,
                                                                 admin_level=AdministrativeLevel.PROVINCE)
                                  .order_by("pk").first())
    dossier.full_clean()
    with transaction.atomic():
        dossier.save()
        _log(dossier, user, "created", to_state=dossier.state)
    return dossier


def _check_editable(user, dossier: Dossier) -> None:
    if not (workflow.is_processor(user) or workflow.is_filing_officer(user, dossier)):
        raise PermissionDenied
    if not workflow.may_edit(user, dossier):
        raise ValidationError(_("The dossier is “%(state)s”: it cannot be changed now.")
                              % {"state": dossier.get_state_display()}, code="not_editable")


def _check_may_file(user, dossier: Dossier) -> None:
    if not workflow.may_file(user, dossier.unit, dossier.cluster, dossier.achievement_year):
        if dossier.cluster_id is not None:
            raise ValidationError(_("Only the leader unit of the cluster or bloc in %(year)s files its dossier.")
                                  % {"year": dossier.achievement_year}, code="not_leader")
        raise PermissionDenied


def dossier_update(*, user, dossier: Dossier) -> Dossier:
    """Save edits to the dossier's own fields (made on the instance by a form). A change of the
    cluster or the year is judged as a new filing: only the leader unit of that year files for it."""
    _check_editable(user, _locked_or_self(dossier))
    _check_may_file(user, dossier)
    dossier.full_clean()
    with transaction.atomic():
        dossier.save()
    return dossier


def _locked_or_self(dossier: Dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk) if dossier.pk else dossier


def line_save(*, user, line: NomineeLine, check: bool = True) -> LineCheck | None:
    """Add or change a nominee line, and return the problems of the whole list as it now stands
    (the officer sees them at once; refusals stop the submission, not the draft). An import
    saving many lines passes `check=False` and checks the list once at the end: checking it
    after every line costs the square of its length."""
    dossier = line.dossier
    _check_editable(user, _locked_or_self(dossier))
    line.full_clean(exclude=["dossier"])
    with transaction.atomic():
        if not line.order:
            line.order = (dossier.lines.aggregate(m=Max("order"))["m"] or 0) + 1
        adding = line.pk is None
        line.save()
        _log(dossier, user, "line_added" if adding else "line_changed", line=line, reason=line.name_text)
    return dossier_lines_check(dossier) if check else None


def attachment_add(*, user, dossier: Dossier, title: str, file) -> DossierAttachment:
    """Another document of the dossier (a list, a confirmation), while it can be changed."""
    _check_editable(user, _locked_or_self(dossier))
    attachment = DossierAttachment(dossier=dossier, title=(title or "").strip(), file=file)
    attachment.full_clean()
    with transaction.atomic():
        attachment.save()
        _log(dossier, user, "attachment_added", reason=attachment.title)
    return attachment


def line_delete(*, user, line: NomineeLine) -> None:
    dossier = line.dossier
    _check_editable(user, _locked_or_self(dossier))
    if dossier.state != S.DRAFT and not dossier.is_paper:
        # lines of a returned dossier stay: the office returned them to be corrected, not dropped
        raise ValidationError(_("A submitted dossier keeps its lines; correct the line instead."),
                              code="line_kept")
    with transaction.atomic():
        _log(dossier, user, "line_deleted", reason=line.name_text)
        line.delete()


def dossier_submit(*, user, dossier: Dossier, confirm: bool = False) -> Dossier:
    """Submit (or resubmit) the dossier: it needs its memo and at least one line; refusals stop
    it; warnings need `confirm` (and a reason on the line where they ask for one)."""
    with transaction.atomic():
        current = _locked(dossier)
        error = workflow.step_error(user, current, S.SUBMITTED)
        if error:
            if not (workflow.is_processor(user) or workflow.is_filing_officer(user, current)):
                raise PermissionDenied
            raise ValidationError(error, code="step")
        lines = list(current.lines.select_related("award").order_by("order", "pk"))
        problems = []
        if not lines:
            problems.append(_("Add at least one nominee."))
        if not current.is_paper:
            if not current.memo_number.strip():
                problems.append(_("Write the number of the submission memo."))
            if current.memo_date is None:
                problems.append(_("Give the date of the submission memo."))
        if problems:
            raise ValidationError(problems, code="incomplete")
        now = timezone.now()
        current.submitted_at = now  # the rules of the submission day judge the lines
        check = dossier_lines_check(current, lines)
        raise_refusals(check)
        require_confirmation(check, [as_decision_line(ln, 0) for ln in lines], confirm=confirm)
        from_state = current.state
        current.state = S.SUBMITTED
        current.first_submitted_at = current.first_submitted_at or now
        deadline = deadline_for(current, lines)
        current.deadline = deadline
        current.is_late = bool(deadline and timezone.localtime(current.first_submitted_at).date() > deadline)
        current.state_reason = ""
        current.save()
        NomineeLine.objects.filter(dossier=current).exclude(return_note="").update(return_note="")
        event = _log(current, user, "resubmitted" if from_state == S.RETURNED else "submitted",
                     from_state=from_state, to_state=S.SUBMITTED)
        transaction.on_commit(lambda: notifications.notify(event))
    dossier.refresh_from_db()
    return dossier


# --- the office's steps --------------------------------------------------------------------------


def _next_register_number(year: int) -> int:
    return (Dossier.objects.filter(register_year=year).aggregate(m=Max("register_number"))["m"] or 0) + 1


def dossier_step(*, user, dossier: Dossier, to_state: str, reason: str = "", register_number: int | None = None,
                 line_notes: dict[int, str] | None = None, confirm: bool = False, hold_ground: str = "") -> Dossier:
    """Move the dossier one step on the office's path. Returning and holding need a reason, and
    a hold its ground (discipline, inspection, complaint: R8); returning may say, per line, what
    to change (`line_notes`: line id → note). `confirm` confirms the lines' warnings when the
    step is a submission."""
    if to_state == S.SUBMITTED:
        return dossier_submit(user=user, dossier=dossier, confirm=confirm)
    if not workflow.is_processor(user):
        raise PermissionDenied
    reason = (reason or "").strip()
    with transaction.atomic():
        current = _locked(dossier)
        error = workflow.step_error(user, current, to_state)
        if error:
            raise ValidationError(error, code="step")
        if to_state in workflow.REASON_REQUIRED and not reason:
            raise ValidationError(_("Say why."), code="reason_required")
        if to_state == S.ON_HOLD and hold_ground not in HoldGround.values:
            raise ValidationError(_("Say what the dossier waits for: a disciplinary matter, an inspection or a "
                                    "complaint."), code="hold_ground")
        _guard(current, to_state)
        from_state = current.state
        today = timezone.localdate()
        if to_state == S.RECEIVED:
            if current.register_number is None:  # a dossier received again keeps its number
                current.register_year = today.year
                current.register_number = register_number or _next_register_number(today.year)
            if current.proposal_memo_id is None:
                current.proposal_memo = ProposalMemo.objects.create(
                    number_text=current.memo_number or _("number: unknown"), date=current.memo_date,
                    submitting_unit=current.unit, cluster=current.cluster, summary=current.summary[:500],
                    is_sample=current.is_sample)
        if to_state == S.ON_HOLD:
            current.held_from, current.hold_ground = from_state, hold_ground
            with override("vi"):  # the history is kept in the office's language
                reason = f"{HoldGround(hold_ground).label}: {reason}"
        elif from_state == S.ON_HOLD:
            current.held_from = current.hold_ground = ""
        if to_state == S.RETURNED and line_notes:
            for line in current.lines.filter(pk__in=list(line_notes)):
                note = (line_notes.get(line.pk) or "").strip()
                if note:
                    line.return_note = note
                    line.save(update_fields=["return_note", "updated_at"])
                    _log(current, user, "line_returned", line=line, reason=note)
        current.state = to_state
        current.state_reason = reason if to_state in workflow.REASON_REQUIRED else ""
        try:
            with transaction.atomic():
                current.save()
        except IntegrityError:
            raise ValidationError(_("That register number is already taken this year."),
                                  code="register_taken") from None
        event = _log(current, user, "step", from_state=from_state, to_state=to_state, reason=reason)
        transaction.on_commit(lambda: notifications.notify(event))
    dossier.refresh_from_db()
    return dossier


def _guard(dossier: Dossier, to_state: str) -> None:
    """What must hold before a step, beyond who may make it."""
    lines = list(dossier.lines.select_related("award"))
    open_lines = [ln for ln in lines if ln.outcome == LineOutcome.PENDING]
    if to_state == S.CONSULTATION and not any(ln.needs_consultation for ln in open_lines):
        raise ValidationError(_("No nominee of this dossier is proposed for a state award: no public "
                                "consultation is needed."), code="no_consultation")
    if to_state == S.COUNCIL:
        today = timezone.localdate()
        for line in open_lines:
            if not line.needs_consultation:
                continue
            ended = line.consultations.filter(ends_on__lt=today).exists()
            if not ended:
                raise ValidationError(_(
                    "%(name)s is proposed for a state award: the nominee goes before the council only after a "
                    "public consultation has ended (R9).") % {"name": line.name_text}, code="consultation_first")
    if to_state == S.VOTED:
        missing = [ln.name_text for ln in open_lines if not hasattr(ln, "vote")]
        if missing:
            raise ValidationError(_("Record the council's vote on every open line first: %(names)s.")
                                  % {"names": ", ".join(missing)}, code="votes_missing")
    if to_state == S.PROPOSED and not any(ln.outcome == LineOutcome.APPROVED for ln in lines):
        raise ValidationError(_("No line is approved: nothing to propose."), code="nothing_approved")


def line_appraise(*, user, line: NomineeLine, meets_standards: bool | None, note: str) -> NomineeLine:
    if not workflow.is_processor(user):
        raise PermissionDenied
    if line.dossier.state not in (S.RECEIVED, S.APPRAISAL, S.ON_HOLD):
        raise ValidationError(_("Lines are appraised once the dossier is received."), code="state")
    line.meets_standards, line.appraisal_note = meets_standards, note.strip()
    with transaction.atomic():
        line.save(update_fields=["meets_standards", "appraisal_note", "updated_at"])
        _log(line.dossier, user, "line_appraised", line=line, reason=line.appraisal_note)
    return line


def line_set_outcome(*, user, line: NomineeLine, outcome: str, reason: str = "") -> NomineeLine:
    """Approve or refuse a line outside a vote (an award the council's standing members decide)."""
    if not workflow.is_processor(user):
        raise PermissionDenied
    if outcome not in (LineOutcome.APPROVED, LineOutcome.NOT_APPROVED, LineOutcome.PENDING):
        raise ValidationError(_("A line is decided by signing its decision."), code="outcome")
    if line.outcome == LineOutcome.DECIDED or line.decision_line_id:
        raise ValidationError(_("This line is already in a decision."), code="decided")
    if line.dossier.state not in (S.APPRAISAL, S.COUNCIL, S.VOTED, S.PROPOSED):
        raise ValidationError(_("A line's outcome is set during appraisal or after the council."), code="state")
    reason = (reason or "").strip()
    if outcome == LineOutcome.NOT_APPROVED and not reason:
        raise ValidationError(_("Say why the line is not approved."), code="reason_required")
    line.outcome, line.outcome_reason = outcome, reason if outcome == LineOutcome.NOT_APPROVED else ""
    with transaction.atomic():
        line.save(update_fields=["outcome", "outcome_reason", "updated_at"])
        _log(line.dossier, user, f"line_{outcome}", line=line, reason=reason)
        _settle(line.dossier, user)
    return line


def concurrence_save(*, user, request: ConcurrenceRequest) -> ConcurrenceRequest:
    """Record a request to another office (police, tax, social insurance) or its answer, and log
    it on the dossier: the office's correspondence is part of the path the unit is shown."""
    if not workflow.is_processor(user):
        raise PermissionDenied
    dossier = request.dossier
    if dossier.state == S.DRAFT:
        raise ValidationError(_("Concurrence is asked once the office holds the dossier."), code="state")
    if request.line_id and request.line.dossier_id != dossier.pk:
        raise ValidationError(_("Choose a nominee of this dossier."), code="line")
    request.full_clean()
    with transaction.atomic():
        request.save()
        _log(dossier, user, "concurrence", line=request.line,
             reason=f"{request.get_office_display()}: {request.get_answer_display()}")
    return request


# --- the council's vote (R7) ------------------------------------------------------------------------


def threshold_for(award_id: int, day: datetime.date) -> VoteThreshold | None:
    rows = list(VoteThreshold.objects.valid_on(day).filter(Q(award_id=award_id) | Q(award__isnull=True))
                .order_by("-valid_from"))
    own = [r for r in rows if r.award_id == award_id]
    return (own or rows or [None])[0]


def required_votes(award_id: int, day: datetime.date, members: int) -> tuple[int, VoteThreshold | None]:
    threshold = threshold_for(award_id, day)
    if threshold is None:  # no row loaded: the law's default, more than half of all members
        return members // 2 + 1, None
    return threshold.required_votes(members), threshold


def vote_record(*, user, line: NomineeLine, voted_on: datetime.date, members_total: int, members_present: int,
                votes_for: int, written_votes: int = 0) -> CouncilVote:
    """Record the secret ballot on a line; the threshold of the vote's date decides it, and the
    line is approved or not approved accordingly."""
    if not workflow.is_processor(user):
        raise PermissionDenied
    if line.dossier.state not in (S.COUNCIL, S.VOTED):
        raise ValidationError(_("Votes are recorded once the dossier is before the council."), code="state")
    if line.decision_line_id:
        raise ValidationError(_("This line is already in a decision."), code="decided")
    needed, threshold = required_votes(line.award_id, voted_on, members_total)
    vote = getattr(line, "vote", None) or CouncilVote(line=line)
    vote.voted_on, vote.members_total, vote.members_present = voted_on, members_total, members_present
    vote.votes_for, vote.written_votes = votes_for, written_votes
    vote.required_votes, vote.threshold, vote.passed = needed, threshold, votes_for >= needed
    vote.recorded_by = user
    vote.full_clean(exclude=["line"])
    with transaction.atomic():
        vote.save()
        if vote.passed:
            line.outcome, line.outcome_reason = LineOutcome.APPROVED, ""
        else:
            line.outcome = LineOutcome.NOT_APPROVED
            line.outcome_reason = _("The council's vote did not reach the threshold: %(votes)s of %(members)s "
                                    "members, %(needed)s needed.") % {
                "votes": votes_for, "members": members_total, "needed": needed}
        line.save(update_fields=["outcome", "outcome_reason", "updated_at"])
        _log(line.dossier, user, "vote", line=line, reason=f"{votes_for}/{members_total} ({needed})")
        _settle(line.dossier, user)
    return vote


def _settle(dossier: Dossier, user) -> bool:
    """Close a dossier whose every line has its final outcome: decided when any line was decided,
    not approved when none was. True when it was closed."""
    dossier = Dossier.objects.get(pk=dossier.pk)
    if dossier.state not in (S.COUNCIL, S.VOTED, S.PROPOSED):
        return False
    outcomes = set(dossier.lines.values_list("outcome", flat=True))
    if not outcomes or outcomes - {LineOutcome.DECIDED, LineOutcome.NOT_APPROVED}:
        return False
    to_state = S.DECIDED if LineOutcome.DECIDED in outcomes else S.NOT_APPROVED
    from_state = dossier.state
    dossier.state, dossier.decided_at = to_state, timezone.now()
    dossier.save(update_fields=["state", "decided_at", "updated_at", "version"])
    event = _log(dossier, user, "step", from_state=from_state, to_state=to_state)
    transaction.on_commit(lambda: notifications.notify(event))
    return True


# --- public consultation (R9) ----------------------------------------------------------------------


def consultation_open(*, user, title: str, slug: str, lines: Iterable[NomineeLine], published_on: datetime.date,
                      intro: str = "", working_days: int = 10, is_sample: bool = False) -> Consultation:
    """Publish nominees for state awards for comment; the end date skips weekends and holidays.
    Their dossiers move to "public consultation"."""
    if not workflow.is_processor(user):
        raise PermissionDenied
    lines = list(lines)
    if not lines:
        raise ValidationError(_("Choose the nominees to publish."), code="empty")
    wrong = [ln.name_text for ln in lines if not ln.needs_consultation]
    if wrong:
        raise ValidationError(_("Only nominees for state awards are published for comment: %(names)s.")
                              % {"names": ", ".join(wrong)}, code="not_state")
    starts_on, ends_on = consultation_period(published_on, working_days)
    consultation = Consultation(title=title, slug=slug, intro=intro, published_on=published_on,
                                starts_on=starts_on, ends_on=ends_on, working_days=working_days,
                                created_by=user, is_sample=is_sample)
    consultation.full_clean()
    with transaction.atomic():
        consultation.save()
        consultation.lines.set(lines)
        for dossier in Dossier.objects.filter(pk__in={ln.dossier_id for ln in lines}):
            if dossier.state == S.APPRAISAL:
                dossier_step(user=user, dossier=dossier, to_state=S.CONSULTATION)
            _log(dossier, user, "consultation_opened", reason=consultation.title)
    return consultation


def working_day_change_save(*, change: WorkingDayChange) -> WorkingDayChange:
    """A day the government moved, added or corrected by staff: the consultations still open
    count their ten working days again with it."""
    change.full_clean()
    with transaction.atomic():
        change.save()
        _reperiod_open_consultations()
    return change


def working_day_change_delete(*, changes: Iterable[WorkingDayChange]) -> None:
    with transaction.atomic():
        for change in changes:
            change.delete()
        _reperiod_open_consultations()


def _reperiod_open_consultations() -> None:
    # a closed consultation keeps the dates it was held on
    for consultation in Consultation.objects.filter(published_on__isnull=False,
                                                    ends_on__gte=timezone.localdate()):
        period = consultation_period(consultation.published_on, consultation.working_days)
        if period != (consultation.starts_on, consultation.ends_on):
            consultation.starts_on, consultation.ends_on = period
            consultation.save(update_fields=["starts_on", "ends_on", "updated_at"])


COMMENT_LIMIT_SHORT = (3, datetime.timedelta(minutes=10))
COMMENT_LIMIT_DAY = (10, datetime.timedelta(days=1))


def sender_key(address: str) -> str:
    """The sender's address, hashed with the site's secret: enough to count, useless to read."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:40]


def comment_add(*, consultation: Consultation, name: str, contact: str, text: str, address: str,
                line: NomineeLine | None = None) -> ConsultationComment:
    """A visitor's comment: only while the consultation is open, and a few per sender."""
    today = timezone.localdate()
    if not consultation.is_open_on(today):
        raise ValidationError(_("This consultation is closed: comments are no longer taken."), code="closed")
    if line is not None and not consultation.lines.filter(pk=line.pk).exists():
        raise ValidationError(_("Choose one of the nominees published here."), code="line")
    key = sender_key(address)
    now = timezone.now()
    for limit, window in (COMMENT_LIMIT_SHORT, COMMENT_LIMIT_DAY):
        if ConsultationComment.objects.filter(sender_key=key, sent_at__gte=now - window).count() >= limit:
            raise ValidationError(_("You have sent several comments just now. Please try again later."),
                                  code="rate_limited")
    comment = ConsultationComment(consultation=consultation, line=line, name=name.strip(), contact=contact.strip(),
                                  text=text.strip(), sender_key=key)
    comment.full_clean()
    comment.save()
    return comment


def comment_answer(*, user, comment: ConsultationComment, answer: str) -> ConsultationComment:
    if not workflow.is_processor(user):
        raise PermissionDenied
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="empty")
    comment.answer, comment.answered_by, comment.answered_at = answer, user, timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    transaction.on_commit(lambda: notifications.comment_answered(comment))
    return comment


# --- from approved lines to a decision -------------------------------------------------------------


def _subject_for(line: NomineeLine) -> None:
    """Match a nominee to its record, creating one where none is known (a decision line names a
    person, a collective or a household)."""
    if line.subject_type == SubjectType.INDIVIDUAL and line.person_id is None:
        person = Person(full_name=line.name_text[:200], gender=line.gender, birth_year=line.birth_year)
        person.save()
        line.person = person
    elif line.subject_type == SubjectType.COLLECTIVE and line.collective_id is None:
        unit = Unit(name=line.name_text[:255], parent=line.organisation,
                    kind=UnitKind.VILLAGE if line.is_small_collective else UnitKind.OTHER)
        unit.save()
        line.collective = unit
    elif line.subject_type == SubjectType.HOUSEHOLD and line.household_id is None:
        line.household = Household.objects.create(head_name=line.name_text[:200], address=line.unit_text[:300],
                                                  commune=line.organisation)


def decision_draft(*, user, lines: Sequence[NomineeLine], issuer_role, issuer_unit, subject_line: str,
                   signer_name: str = "", signer_title: str = "", signing_form: str = SigningForm.TM,
                   legal_bases=()) -> Decision:
    """Draft a decision from approved lines of one or more dossiers. The draft has no number or
    date, is not public, and its lines stay editable until it is signed (decision_sign)."""
    if not workflow.is_processor(user):
        raise PermissionDenied
    lines = sorted(lines, key=lambda ln: (ln.dossier_id, ln.order, ln.pk))
    if not lines:
        raise ValidationError(_("Choose the approved lines the decision grants."), code="empty")
    with transaction.atomic():
        lines = list(NomineeLine.objects.select_for_update().filter(pk__in=[ln.pk for ln in lines])
                     .select_related("dossier", "award").order_by("dossier_id", "order", "pk"))
        refused = [ln.name_text for ln in lines if ln.outcome != LineOutcome.APPROVED or ln.decision_line_id]
        if refused:
            raise ValidationError(_("Only approved lines not yet in a decision can be drafted: %(names)s.")
                                  % {"names": ", ".join(refused)}, code="not_approved")
        wrong_state = {ln.dossier for ln in lines if ln.dossier.state not in (S.VOTED, S.PROPOSED)}
        if wrong_state:
            raise ValidationError(_("A decision is drafted once the council has voted on the dossier."),
                                  code="state")
        dossiers = list({ln.dossier_id: ln.dossier for ln in lines}.values())
        years = {d.achievement_year for d in dossiers}
        kinds = {d.award_type for d in dossiers}
        movements = {d.movement_id for d in dossiers}
        for line in lines:
            _subject_for(line)
            line.save()
        decision = Decision(
            is_draft=True, issuer_role=issuer_role, issuer_unit=issuer_unit, subject_line=subject_line,
            signer_name=signer_name, signer_title=signer_title, signing_form=signing_form,
            achievement_year=years.pop() if len(years) == 1 else None,
            award_type=kinds.pop() if len(kinds) == 1 else dossiers[0].award_type,
            movement_id=movements.pop() if len(movements) == 1 else None,
        )
        decision_lines = [as_decision_line(ln, 0) for ln in lines]
        for order, dline in enumerate(decision_lines, start=1):
            dline.order = order
        memos = [d.proposal_memo for d in dossiers if d.proposal_memo_id]
        decision_save(decision=decision, add=decision_lines, confirm=True, based_on=memos)
        if legal_bases:
            decision.legal_bases.set(legal_bases)
        for line, dline in zip(lines, decision_lines, strict=True):
            line.decision_line = dline
            line.save(update_fields=["decision_line", "updated_at"])
        for dossier in dossiers:
            if dossier.state == S.VOTED:
                dossier_step(user=user, dossier=dossier, to_state=S.PROPOSED)
            _log(dossier, user, "decision_drafted", reason=decision.subject_line[:300])
    return decision


def decision_sign(*, user, decision: Decision, number: int, symbol: str, signed_on: datetime.date,
                  number_text: str = "", signer_name: str | None = None, signer_title: str | None = None,
                  confirm: bool = False) -> Decision:
    """Sign a drafted decision: the number and date are filled, every line is checked against the
    rules of that date, and the nominee lines it holds are decided."""
    if not workflow.is_processor(user):
        raise PermissionDenied
    if not decision.is_draft:
        raise ValidationError(_("This decision is already signed."), code="signed")
    with transaction.atomic():
        decision.is_draft = False
        decision.number, decision.symbol, decision.signed_on = number, symbol, signed_on
        decision.number_text = number_text or ""
        if signer_name is not None:
            decision.signer_name = signer_name
        if signer_title is not None:
            decision.signer_title = signer_title
        try:
            decision_save(decision=decision, confirm=confirm)
        except (ValidationError, ConfirmationRequired):
            decision.is_draft = True
            raise
        nominees = list(NomineeLine.objects.filter(decision_line__decision=decision).select_related("dossier"))
        NomineeLine.objects.filter(pk__in=[ln.pk for ln in nominees]).update(
            outcome=LineOutcome.DECIDED, outcome_reason="", updated_at=timezone.now())
        for dossier in {ln.dossier_id: ln.dossier for ln in nominees}.values():
            event = _log(dossier, user, "decision_signed", reason=decision.number_text)
            if not _settle(dossier, user):
                # lines still wait (another authority, another decision): the unit hears of these now
                transaction.on_commit(lambda event=event: notifications.notify(event))
    return decision


# --- reports' shared figures -----------------------------------------------------------------------


def processing_days(dossiers: Iterable[Dossier]) -> dict[str, float | None]:
    """Days from first submission to decision: median and 90th percentile."""
    days = sorted((d.decided_at - d.first_submitted_at).total_seconds() / 86400 for d in dossiers
                  if d.decided_at and d.first_submitted_at)
    if not days:
        return {"median": None, "p90": None, "count": 0}
    p90 = days[math.ceil(0.9 * len(days)) - 1]  # nearest rank: of 10 dossiers, the 9th fastest
    return {"median": statistics.median(days), "p90": p90, "count": len(days)}

