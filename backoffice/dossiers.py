"""The unit officer's nomination dossiers (hồ sơ đề nghị khen thưởng) in the back office: the list
with the days left before the deadline, the dossier page (memo, nominee lines, the problems the
rules find in every line, the history, attachments), the memo form, the nominee line form, the
Excel import, and the submission with its confirmation step. Forms: dossier_forms.py.

An officer sees only their own units' dossiers; any other answers 404, never 403. Every write goes
through nominations.services, which judges again who may make it and in which state."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from awards.rules import ConfirmationRequired
from nominations import imports, services, workflow
from nominations.checks import dossier_lines_check
from nominations.models import Deadline, Dossier, DossierState, NomineeLine

from . import roles
from .access import back_office
from .dossier_forms import AttachmentForm, DossierForm, ImportForm, NomineeLineForm

S = DossierState
PAGE_SIZE = 20
PANEL_SIZE = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONFIRM_FIELD = "confirmed"
# the rows of a previewed list travel with the page, signed, until the officer saves them
IMPORT_SALT = "backoffice.dossier-import"
IMPORT_MAX_AGE = 24 * 3600


# --- reads ----------------------------------------------------------------------------------------


def _mine(user):
    return Dossier.objects.filter(unit_id__in=roles.officer_unit_ids(user))


def _dossier_or_404(request, dossier_id) -> Dossier:
    try:
        return _mine(request.user).select_related("unit", "cluster", "movement", "addressed_role",
                                                  "addressed_unit").get(pk=dossier_id)
    except Dossier.DoesNotExist:
        raise Http404 from None


def _line_or_404(request, line_id) -> NomineeLine:
    try:
        return NomineeLine.objects.select_related("dossier__unit", "award", "award_class").get(
            pk=line_id, dossier__unit_id__in=roles.officer_unit_ids(request.user))
    except NomineeLine.DoesNotExist:
        raise Http404 from None


def _listed(user):
    """The officer's dossiers with what a list shows, the lines read in one more query."""
    return (_mine(user).select_related("unit", "cluster", "movement")
            .prefetch_related(Prefetch("lines", queryset=NomineeLine.objects.only("id", "dossier_id", "award_id")))
            .order_by("-achievement_year", "-created_at", "-id"))


def with_deadlines(dossiers) -> list[Dossier]:
    """Each dossier's number of lines, deadline, days left (while it is the unit's to submit) and
    late mark, from its prefetched lines and one read of the deadlines, however many dossiers."""
    dossiers = list(dossiers)
    rows = list(Deadline.objects.all()) if dossiers else []
    today = timezone.localdate()
    for dossier in dossiers:
        lines = list(dossier.lines.all())
        dossier.line_count = len(lines)
        dossier.days_left = None
        if dossier.state in workflow.OFFICER_EDITABLE:
            dossier.deadline_shown = services.deadline_for(dossier, lines, rows)
            dossier.days_left = services.days_left(dossier, today, lines=lines, rows=rows)
        else:
            dossier.deadline_shown = dossier.deadline
        dossier.overdue = dossier.days_left is not None and dossier.days_left < 0
        dossier.days_late = -dossier.days_left if dossier.overdue else 0
        dossier.marked_late = dossier.is_late or dossier.overdue
    return dossiers


def open_dossiers(user) -> list[Dossier]:
    """The officer's home panel: dossiers not yet decided, those still in the unit's hands first."""
    dossiers = with_deadlines(_listed(user).exclude(state__in=workflow.FINAL)[:PANEL_SIZE])
    return sorted(dossiers, key=lambda d: (d.state not in workflow.OFFICER_EDITABLE,
                                           d.days_left if d.days_left is not None else 10**6))


# --- the list, the memo ---------------------------------------------------------------------------


@back_office("officer")
def dossier_list(request):
    page = Paginator(_listed(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_deadlines(page.object_list)
    return render(request, "backoffice/dossier_list.html", {"page_obj": page})


def _refused(form, error: ValidationError) -> None:
    """A service's refusal on the form: on its field where it names one the form has."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        for message in error.messages:
            form.add_error(None, message)


@back_office("officer")
def dossier_create(request):
    form = DossierForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in DossierForm.Meta.fields if name not in ("cluster", "minutes")}
        if data.get("minutes"):
            fields["minutes"] = data["minutes"]
        try:
            dossier = services.dossier_create(user=request.user, unit=data["unit"], cluster=data.get("cluster"),
                                              **fields)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The dossier is created as a draft. Add its nominees."))
            return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    return render(request, "backoffice/dossier_form.html", {"form": form, "dossier": None})


def _not_editable(request, dossier) -> bool:
    if dossier.state in workflow.OFFICER_EDITABLE:
        return False
    messages.error(request, _("The dossier is “%(state)s”: it cannot be changed now.")
                   % {"state": dossier.get_state_display()})
    return True


@back_office("officer")
def dossier_edit(request, dossier_id):
    dossier = _dossier_or_404(request, dossier_id)
    if _not_editable(request, dossier):
        return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    form = DossierForm(request.POST or None, request.FILES or None, instance=dossier, user=request.user)
    if request.method == "POST":
        saved = False
        # the version check locks the row until the save: two saves at once cannot both pass
        with transaction.atomic():
            if form.is_valid():
                try:
                    services.dossier_update(user=request.user, dossier=form.instance)
                except ValidationError as error:
                    _refused(form, error)
                else:
                    saved = True
        if saved:
            messages.success(request, _("The dossier is saved."))
            return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    return render(request, "backoffice/dossier_form.html", {"form": form, "dossier": dossier})


# --- the dossier page ------------------------------------------------------------------------------


# the steps the services log (DossierEvent.action), as the unit reads them
ACTIONS = {
    "created": gettext_lazy("dossier created"), "line_added": gettext_lazy("nominee added"),
    "line_changed": gettext_lazy("nominee changed"), "line_deleted": gettext_lazy("nominee removed"),
    "attachment_added": gettext_lazy("attachment added"), "submitted": pgettext_lazy("dossier event", "submitted"),
    "resubmitted": gettext_lazy("submitted again"), "step": gettext_lazy("state changed"),
    "line_returned": gettext_lazy("nominee returned for changes"), "line_appraised": gettext_lazy("nominee appraised"),
    "line_approved": gettext_lazy("nominee approved"), "line_not_approved": gettext_lazy("nominee not approved"),
    "line_pending": gettext_lazy("nominee's outcome reopened"),
    "concurrence": gettext_lazy("concurrence of another office"),
    "vote": gettext_lazy("council vote"), "consultation_opened": gettext_lazy("public consultation opened"),
    "decision_drafted": gettext_lazy("decision drafted"), "decision_signed": gettext_lazy("decision signed"),
}


def _events(dossier) -> list:
    events = list(dossier.events.select_related("by", "line").order_by("at", "id"))
    for event in events:
        event.action_label = ACTIONS.get(event.action, event.action)
    return events


def _problem_rows(lines, check):
    return [{"line": line, "number": index + 1, "errors": check.errors_for(index),
             "warnings": check.warnings_for(index)} for index, line in enumerate(lines)]


def _detail_context(request, dossier, attachment_form=None) -> dict:
    # each line's outcome: a decided line names its decision (linked once public), a refused one why
    lines = list(dossier.lines.select_related("award", "award_class", "decision_line__decision")
                 .order_by("order", "pk"))
    check = dossier_lines_check(dossier, lines)
    editable = dossier.state in workflow.OFFICER_EDITABLE
    today = timezone.localdate()
    deadline = services.deadline_for(dossier, lines) if editable else dossier.deadline
    dossier.days_left = (deadline - today).days if editable and deadline else None
    dossier.deadline_shown = deadline
    dossier.overdue = dossier.days_left is not None and dossier.days_left < 0
    dossier.days_late = -dossier.days_left if dossier.overdue else 0
    dossier.marked_late = dossier.is_late or dossier.overdue
    return {
        "dossier": dossier, "lines": _problem_rows(lines, check), "check": check,
        "general_errors": [p for p in check.errors if p.index is None],
        "general_warnings": [p for p in check.warnings if p.index is None],
        "events": _events(dossier),
        "attachments": list(dossier.attachments.all()),
        "can_edit": editable, "can_delete_lines": dossier.state == S.DRAFT,
        "returned_lines": [line for line in lines if line.return_note],
        "attachment_form": attachment_form or AttachmentForm(),
    }


@back_office("officer")
def dossier_detail(request, dossier_id):
    dossier = _dossier_or_404(request, dossier_id)
    return render(request, "backoffice/dossier_detail.html", _detail_context(request, dossier))


@back_office("officer")
def attachment_add(request, dossier_id):
    dossier = _dossier_or_404(request, dossier_id)
    if request.method != "POST":
        return redirect(reverse("backoffice:dossier-detail", kwargs={"dossier_id": dossier.pk}) + "#attachments")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(user=request.user, dossier=dossier, title=form.cleaned_data["title"],
                                    file=form.cleaned_data["file"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The attachment is added."))
            return redirect(reverse("backoffice:dossier-detail", kwargs={"dossier_id": dossier.pk}) + "#attachments")
    return render(request, "backoffice/dossier_detail.html", _detail_context(request, dossier, form), status=400)


# --- submitting, with its confirmation step --------------------------------------------------------


@back_office("officer")
def dossier_submit(request, dossier_id):
    """GET: what submitting does, the warnings to confirm and the refusals that stop it. POST from
    that page (it carries CONFIRM_FIELD): submit. A POST without it only shows the page."""
    dossier = _dossier_or_404(request, dossier_id)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if _not_editable(request, dossier):
        return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    errors = []
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes":
        confirm = request.POST.get("confirm_warnings") == "yes"
        try:
            services.dossier_submit(user=request.user, dossier=dossier, confirm=confirm)
        except ConfirmationRequired as error:
            if confirm:  # confirmed, yet a warning asks for a reason written on its line
                errors = error.messages
            else:
                errors = [_("Read the warnings and tick the confirmation before submitting.")]
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The dossier is submitted to the office. You will receive an e-mail when "
                                        "it is returned, put on hold or decided."))
            return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    lines = list(dossier.lines.select_related("award").order_by("order", "pk"))
    check = dossier_lines_check(dossier, lines)
    return render(request, "backoffice/dossier_submit.html", {
        "dossier": dossier, "lines": lines, "check": check, "errors": errors, "confirm_field": CONFIRM_FIELD,
        "rows": [row for row in _problem_rows(lines, check) if row["errors"] or row["warnings"]],
        "general_errors": [p for p in check.errors if p.index is None],
        "general_warnings": [p for p in check.warnings if p.index is None],
    }, status=400 if errors else 200)


# --- nominee lines ---------------------------------------------------------------------------------


def _saved_message(request, line, check) -> None:
    """The problems the rules now find, said at once: the line's own, then a count of the rest."""
    order = list(NomineeLine.objects.filter(dossier_id=line.dossier_id).order_by("order", "pk")
                 .values_list("pk", flat=True))
    index = order.index(line.pk)
    own = check.errors_for(index) + check.warnings_for(index)
    if not own:
        messages.success(request, _("%(name)s is saved; the rules find no problem in the line.")
                         % {"name": line.name_text})
    for problem in check.errors_for(index):
        messages.error(request, _("%(name)s: refused: %(problem)s") % {"name": line.name_text, "problem": problem.text})
    for problem in check.warnings_for(index):
        messages.warning(request, _("%(name)s: warning: %(problem)s") % {"name": line.name_text,
                                                                           "problem": problem.text})
    others = len(check.errors) + len(check.warnings) - len(own)
    if others:
        messages.info(request, ngettext("The list has %(count)s other problem: see below.",
                                        "The list has %(count)s other problems: see below.", others)
                      % {"count": others})


def _line_form_page(request, dossier, line):
    form = NomineeLineForm(request.POST or None, request.FILES or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.line_save(user=request.user, line=form.instance)
        except ValidationError as error:
            _refused(form, error)
        else:
            _saved_message(request, form.instance, check)
            return redirect(reverse("backoffice:dossier-detail", kwargs={"dossier_id": dossier.pk}) + "#problems")
    return render(request, "backoffice/dossier_line_form.html", {
        "form": form, "dossier": dossier, "line": line if line.pk else None,
    })


@back_office("officer")
def line_create(request, dossier_id):
    dossier = _dossier_or_404(request, dossier_id)
    if _not_editable(request, dossier):
        return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    return _line_form_page(request, dossier, NomineeLine(dossier=dossier))


@back_office("officer")
def line_edit(request, line_id):
    line = _line_or_404(request, line_id)
    if _not_editable(request, line.dossier):
        return redirect("backoffice:dossier-detail", dossier_id=line.dossier_id)
    return _line_form_page(request, line.dossier, line)


@back_office("officer")
def line_delete(request, line_id):
    """GET: the confirmation page; POST from it: delete (a draft's line only)."""
    line = _line_or_404(request, line_id)
    dossier = line.dossier
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes":
        try:
            services.line_delete(user=request.user, line=line)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(name)s is removed from the dossier.") % {"name": line.name_text})
        return redirect(reverse("backoffice:dossier-detail", kwargs={"dossier_id": dossier.pk}) + "#lines")
    if dossier.state != S.DRAFT:
        messages.error(request, _("A submitted dossier keeps its lines; correct the line instead."))
        return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    return render(request, "backoffice/dossier_line_delete.html", {
        "line": line, "dossier": dossier, "confirm_field": CONFIRM_FIELD})


# --- the Excel list --------------------------------------------------------------------------------


@back_office("officer")
def import_template(request, dossier_id):
    _dossier_or_404(request, dossier_id)
    response = HttpResponse(imports.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="danh-sach-de-nghi-mau.xlsx"'
    return response


def _choices(post) -> dict[int, str]:
    return {int(key.removeprefix("choice-")): value for key, value in post.items()
            if key.startswith("choice-") and key.removeprefix("choice-").isdigit()}


@back_office("officer")
def dossier_import(request, dossier_id):
    """Upload the list; its preview with every row's errors and warnings; save the rows (all of
    them, or the valid ones only). The read rows travel with the preview page, signed."""
    dossier = _dossier_or_404(request, dossier_id)
    if _not_editable(request, dossier):
        return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    form = ImportForm()
    context = {"dossier": dossier, "form": form, "max_rows": imports.MAX_ROWS}
    if request.method != "POST":
        return render(request, "backoffice/dossier_import.html", context)
    action = request.POST.get("action", "")
    if action == "cancel":
        messages.info(request, _("The import was cancelled; nothing was saved."))
        return redirect("backoffice:dossier-detail", dossier_id=dossier.pk)
    token = request.POST.get("rows", "")
    if token:
        try:
            rows = signing.loads(token, salt=f"{IMPORT_SALT}:{dossier.pk}:{request.user.pk}", max_age=IMPORT_MAX_AGE)
        except signing.BadSignature:
            context["problem"] = _("This import has expired; upload the file again.")
            return render(request, "backoffice/dossier_import.html", context, status=400)
    else:
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return render(request, "backoffice/dossier_import.html", context, status=400)
        try:
            rows = imports.read_rows(form.cleaned_data["file"])
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return render(request, "backoffice/dossier_import.html", context, status=400)
        if not rows:
            form.add_error("file", _("The file has no rows under the headers."))
            return render(request, "backoffice/dossier_import.html", context, status=400)
        token = signing.dumps(rows, salt=f"{IMPORT_SALT}:{dossier.pk}:{request.user.pk}", compress=True)
    # the engine writes what it read into the rows: it gets a copy, the page keeps the signed original
    choices = _choices(request.POST)
    result = imports.preview(dossier, [dict(row) for row in rows], choices=choices)
    problem = None
    if action in ("save_valid", "save_all"):
        valid_only = action == "save_valid"
        if not valid_only and result.error_rows:
            problem = _("Some rows have errors: save the valid rows only, or cancel.")
        elif not result.valid_rows:
            problem = _("No row can be saved.")
        else:
            try:
                saved = imports.save(result, user=request.user, dossier=dossier, valid_only=valid_only)
            except ValidationError as error:
                problem = " ".join(error.messages)
            else:
                messages.success(request, ngettext("%(count)s nominee was added from the list.",
                                                   "%(count)s nominees were added from the list.", len(saved))
                                 % {"count": len(saved)})
                return redirect(reverse("backoffice:dossier-detail", kwargs={"dossier_id": dossier.pk}) + "#problems")
    return render(request, "backoffice/dossier_import_preview.html", {
        "dossier": dossier, "preview": result, "token": token, "problem": problem,
    }, status=400 if problem else 200)
