"""Cluster scoring in the back office (chấm điểm thi đua): a member unit's officer fills its own
self-score with evidence and submits it; the officer of the cluster-year's leader unit compiles
every member's scores side by side, adjusts with a reason, closes the compilation, marks it ready,
ranks at the year-end meeting, records the vote and files the proposals as the cluster's dossier.
Forms: scoring_forms.py.

A member sees only its own sheet until the leader marks the compilation ready; a sheet of another
unit, or a compilation the officer's unit does not lead, answers 404. Every write goes through
scoring.services, which judges again who may make it and in which state."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Role
from scoring import exports, selectors, services
from scoring.models import (
    CriterionKind,
    Evidence,
    ScoreAdjustment,
    ScoreEntry,
    ScoreSheet,
    Scoring,
    ScoringState,
    SheetState,
)

from . import roles
from .access import back_office
from .scoring_forms import AdjustForm, MeetingChoiceForm, SheetForm, VoteForm

CONFIRM_FIELD = "confirmed"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADJUSTABLE = {ScoringState.SELF_SCORING, ScoringState.CLOSED}


# --- reads ----------------------------------------------------------------------------------------


def _led(user):
    """The scorings of the cluster-years one of the officer's units leads."""
    return Scoring.objects.filter(cluster_year__members__role=Role.LEADER,
                                  cluster_year__members__unit_id__in=roles.officer_unit_ids(user)).distinct()


def _sheet_or_404(request, sheet_id) -> ScoreSheet:
    try:
        return (ScoreSheet.objects.select_related("unit", "scoring__template", "scoring__cluster_year__cluster")
                .get(pk=sheet_id, unit_id__in=roles.officer_unit_ids(request.user)))
    except ScoreSheet.DoesNotExist:
        raise Http404 from None


def _led_scoring_or_404(request, scoring_id) -> Scoring:
    try:
        return _led(request.user).select_related("template", "cluster_year__cluster", "dossier").get(pk=scoring_id)
    except Scoring.DoesNotExist:
        raise Http404 from None


def _led_entry_or_404(request, entry_id) -> ScoreEntry:
    try:
        return (ScoreEntry.objects.select_related("criterion", "sheet__unit", "sheet__scoring__cluster_year__cluster")
                .get(pk=entry_id, sheet__scoring__in=_led(request.user)))
    except ScoreEntry.DoesNotExist:
        raise Http404 from None


def _context(**values) -> dict:
    return {"is_reviewer": False, **values}


@back_office("officer")
def scoring_list(request):
    """The officer's units' self-scores, and the compilations their units lead."""
    sheets = list(ScoreSheet.objects.filter(unit_id__in=roles.officer_unit_ids(request.user))
                  .select_related("unit", "scoring__cluster_year__cluster")
                  .order_by("-scoring__cluster_year__year", "scoring__cluster_year__cluster__name", "unit__name"))
    led = list(_led(request.user).select_related("cluster_year__cluster")
               .order_by("-cluster_year__year", "cluster_year__cluster__name"))
    return render(request, "backoffice/scoring_list.html", _context(sheets=sheets, led=led))


# --- the member's sheet ---------------------------------------------------------------------------


def _entries(sheet) -> dict:
    entries = (sheet.entries.select_related("criterion")
               .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")),
                                 Prefetch("adjustments",
                                          queryset=ScoreAdjustment.objects.select_related("by").order_by("at", "id"))))
    return {entry.criterion_id: entry for entry in entries}


def _problem_of(message: str, criteria) -> int | None:
    """The criterion a service's message names: they begin with it (“1.2 Title: …”)."""
    for criterion in criteria:
        if message.startswith(f"{criterion}:"):
            return criterion.pk
    return None


def _sheet_page(request, sheet, form=None, errors=(), status=200):
    scoring = sheet.scoring
    criteria = list(scoring.template.criteria.select_related("group"))
    entries = _entries(sheet)
    editable = scoring.state == ScoringState.SELF_SCORING and sheet.state == SheetState.DRAFT
    if form is None and editable:
        form = SheetForm(criteria=criteria, entries=entries)
    by_criterion: dict = {}
    for message in errors:
        by_criterion.setdefault(_problem_of(message, criteria), []).append(message)
    sections, total = [], services.sheet_total(scoring.template, entries.values(), criteria)
    missing = {c.pk for c in total.missing}
    for criterion in criteria:
        if not sections or sections[-1]["group"] != criterion.group:
            sections.append({"group": criterion.group, "rows": []})
        entry = entries.get(criterion.pk)
        row = {"criterion": criterion, "entry": entry, "missing": criterion.pk in missing,
               "evidence": list(entry.evidence.all()) if entry else [],
               "adjustments": list(entry.adjustments.all()) if entry else [],
               "errors": by_criterion.get(criterion.pk, [])}
        row["needs_evidence"] = bool(criterion.evidence_required and entry and entry.points and not row["evidence"])
        if form is not None:
            row["points"] = form[f"points_{criterion.pk}"]
            row["explanation"] = form[f"explanation_{criterion.pk}"]
            row["files"] = form[f"evidence_{criterion.pk}"]
        sections[-1]["rows"].append(row)
    field_errors = [(row["criterion"], error) for section in sections for row in section["rows"]
                    if form is not None for name in ("points", "explanation", "files") for error in row[name].errors]
    table = selectors.compiled_table(scoring) if scoring.compiled_visible else None
    return render(request, "backoffice/scoring_sheet.html", _context(
        sheet=sheet, scoring=scoring, sections=sections, total=total, form=form, editable=editable,
        errors=list(errors), general_errors=by_criterion.get(None, []), field_errors=field_errors, table=table,
        kinds=CriterionKind,
    ), status=status)


def _save_sheet(request, sheet, form) -> bool:
    """Every criterion whose points, explanation or files changed goes through entry_save; a
    mistyped or refused criterion keeps its error and the others are saved all the same."""
    entries = {e.criterion_id: e for e in sheet.entries.all()}
    saved_all = form.is_valid()
    for criterion in form.criteria:
        if form.has_criterion_errors(criterion):
            continue
        points, explanation, files = form.values(criterion)
        entry = entries.get(criterion.pk)
        before = (entry.points, entry.explanation) if entry else (None, "")
        if (points, explanation) == before and not files:
            continue
        try:
            services.entry_save(user=request.user, sheet=sheet, criterion=criterion, points=points,
                                explanation=explanation, files=files)
        except ValidationError as error:
            form.add_error(f"points_{criterion.pk}", error.messages)
            saved_all = False
    return saved_all


@back_office("officer")
def sheet_detail(request, sheet_id):
    """GET: the sheet. POST: save the draft (action=save) or save it and go on to submit it."""
    sheet = _sheet_or_404(request, sheet_id)
    if request.method != "POST":
        return _sheet_page(request, sheet)
    if sheet.scoring.state != ScoringState.SELF_SCORING or sheet.state != SheetState.DRAFT:
        messages.error(request, _("This self-score can no longer be changed."))
        return redirect("backoffice:scoring-sheet", sheet_id=sheet.pk)
    criteria = list(sheet.scoring.template.criteria.select_related("group"))
    form = SheetForm(request.POST, request.FILES, criteria=criteria, entries=_entries(sheet))
    if _save_sheet(request, sheet, form):
        if request.POST.get("action") == "submit":
            return redirect("backoffice:scoring-sheet-submit", sheet_id=sheet.pk)
        messages.success(request, _("The draft is saved."))
        return redirect("backoffice:scoring-sheet", sheet_id=sheet.pk)
    messages.error(request, _("Some scores were not saved: see the marked criteria. Files chosen for them must be "
                              "chosen again."))
    return _sheet_page(request, sheet, form=form, status=400)


@back_office("officer")
def sheet_submit(request, sheet_id):
    """GET: what submitting does, the total and what is missing. POST from that page: submit; a
    refusal shows the sheet with the problems at their criteria."""
    sheet = _sheet_or_404(request, sheet_id)
    scoring = sheet.scoring
    if scoring.state != ScoringState.SELF_SCORING or sheet.state != SheetState.DRAFT:
        messages.error(request, _("This self-score can no longer be submitted."))
        return redirect("backoffice:scoring-sheet", sheet_id=sheet.pk)
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes":
        try:
            services.sheet_submit(user=request.user, sheet=sheet)
        except ValidationError as error:
            return _sheet_page(request, sheet, errors=error.messages, status=400)
        sheet.refresh_from_db()
        if sheet.is_late:
            messages.warning(request, _("The self-score is submitted after the deadline: it is marked late."))
        else:
            messages.success(request, _("The self-score is submitted to the leader unit."))
        return redirect("backoffice:scoring-sheet", sheet_id=sheet.pk)
    criteria = list(scoring.template.criteria.all())
    total = services.sheet_total(scoring.template, sheet.entries.all(), criteria)
    return render(request, "backoffice/scoring_sheet_submit.html", _context(
        sheet=sheet, scoring=scoring, total=total, confirm_field=CONFIRM_FIELD))


# --- the leader's compilation -----------------------------------------------------------------------


@back_office("officer")
def compilation(request, scoring_id):
    scoring = _led_scoring_or_404(request, scoring_id)
    table = selectors.compiled_table(scoring)
    return render(request, "backoffice/scoring_compilation.html", _context(
        scoring=scoring, table=table, adjustable=scoring.state in ADJUSTABLE, states=ScoringState))


@back_office("officer")
def compilation_xlsx(request, scoring_id):
    """The compiled table for printing: the leader's at any time, the members' once it is shown."""
    scoring = (Scoring.objects.filter(pk=scoring_id, cluster_year__members__unit_id__in=roles.officer_unit_ids(
        request.user)).select_related("template", "cluster_year__cluster").first())
    if scoring is None or not (scoring.compiled_visible or services.is_leader_officer(request.user, scoring)):
        raise Http404
    response = HttpResponse(exports.compiled_table_xlsx(selectors.compiled_table(scoring)), content_type=XLSX)
    cluster_year = scoring.cluster_year
    response["Content-Disposition"] = (f'attachment; filename="bang-tong-hop-diem-{cluster_year.cluster.slug}-'
                                       f'{cluster_year.year}.xlsx"')
    return response


@back_office("officer")
def entry_adjust(request, entry_id):
    entry = _led_entry_or_404(request, entry_id)
    scoring = entry.sheet.scoring
    form = AdjustForm(request.POST or None, initial={"points": entry.effective_points})
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_adjust(user=request.user, entry=entry, points=form.cleaned_data["points"],
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The score of %(unit)s is adjusted; the unit sees the reason.")
                             % {"unit": entry.sheet.unit.name})
            return redirect(reverse("backoffice:scoring-compilation", kwargs={"scoring_id": scoring.pk})
                            + f"#compiled-criterion-{entry.criterion_id}")
    return render(request, "backoffice/scoring_adjust.html", _context(
        entry=entry, scoring=scoring, form=form, adjustable=scoring.state in ADJUSTABLE,
        evidence=list(entry.evidence.order_by("id")), adjustments=list(entry.adjustments.order_by("at", "id"))),
        status=400 if form.errors else 200)


def _step_page(request, scoring, step, title, consequences, button):
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes":
        try:
            step(user=request.user, scoring=scoring)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Done: the scoring is now “%(state)s”.") % {
                "state": scoring.get_state_display()})
        return redirect("backoffice:scoring-compilation", scoring_id=scoring.pk)
    return render(request, "backoffice/scoring_confirm.html", _context(
        scoring=scoring, title=title, consequences=consequences, button=button, confirm_field=CONFIRM_FIELD))


@back_office("officer")
def compilation_close(request, scoring_id):
    scoring = _led_scoring_or_404(request, scoring_id)
    drafts = scoring.sheets.filter(state=SheetState.DRAFT).select_related("unit")
    consequences = [_("Members can no longer save or submit their self-scores.")]
    if drafts:
        consequences.append(_("Still in draft, so left out of the ranking: %(units)s.")
                            % {"units": ", ".join(s.unit.name for s in drafts)})
    return _step_page(request, scoring, services.compilation_close, _("Close the compilation?"), consequences,
                      _("Yes, close the compilation"))


@back_office("officer")
def compilation_ready(request, scoring_id):
    scoring = _led_scoring_or_404(request, scoring_id)
    consequences = [_("Scores can no longer be adjusted."),
                    _("Every member sees the compiled table side by side.")]
    return _step_page(request, scoring, services.compilation_ready, _("Mark the compilation ready for the meeting?"),
                      consequences, _("Yes, ready for the meeting"))


# --- the year-end meeting --------------------------------------------------------------------------


@back_office("officer")
def meeting_rank(request, scoring_id):
    scoring = _led_scoring_or_404(request, scoring_id)
    form = MeetingChoiceForm(request.POST or None, scoring=scoring)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_rank(user=request.user, scoring=scoring, meeting=form.cleaned_data["meeting"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The ranking is built from the totals; record the meeting's vote."))
            return redirect("backoffice:scoring-vote", scoring_id=scoring.pk)
    return render(request, "backoffice/scoring_rank.html", _context(scoring=scoring, form=form),
                  status=400 if form.errors else 200)


@back_office("officer")
def ranking_vote(request, scoring_id):
    scoring = _led_scoring_or_404(request, scoring_id)
    if scoring.state != ScoringState.RANKED or scoring.meeting_id is None:
        messages.error(request, _("Build the ranking at the meeting first."))
        return redirect("backoffice:scoring-compilation", scoring_id=scoring.pk)
    rankings = list(scoring.meeting.rankings.select_related("unit").order_by("rank", "unit__name"))
    form = VoteForm(request.POST or None, rankings=rankings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ranking_vote(user=request.user, scoring=scoring, ranks=form.ranks(), basis=data["basis"],
                                  members_entitled=data["members_entitled"], members_present=data["members_present"],
                                  votes_for=data["votes_for"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The meeting's vote is recorded."))
            return redirect("backoffice:scoring-compilation", scoring_id=scoring.pk)
    return render(request, "backoffice/scoring_vote.html", _context(
        scoring=scoring, form=form, rank_fields=[form[f"rank_{r.unit_id}"] for r in rankings],
        rankings=rankings), status=400 if form.errors else 200)


@back_office("officer")
def proposals_file(request, scoring_id):
    """GET: the proposals the ranking gives; POST from that page: file them as the dossier."""
    scoring = _led_scoring_or_404(request, scoring_id)
    if scoring.dossier_id:
        return redirect("backoffice:dossier-detail", dossier_id=scoring.dossier_id)
    errors = []
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes":
        try:
            dossier = services.proposals_file(user=request.user, scoring=scoring)
        except (ValidationError, PermissionDenied) as error:
            errors = getattr(error, "messages", None) or [_("You cannot file this dossier.")]
        else:
            messages.success(request, _("The proposals are filed as the cluster's nomination dossier, in draft: "
                                        "check it and submit it."))
            return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    flag, certificate = services.proposals(scoring)
    units = {m.unit_id: m.unit for m in scoring.cluster_year.members.select_related("unit")}
    return render(request, "backoffice/scoring_proposals.html", _context(
        scoring=scoring, flag=[units[u] for u in flag], certificate=[units[u] for u in certificate], errors=errors,
        confirm_field=CONFIRM_FIELD), status=400 if errors else 200)
