"""The officer's filing form: a new meeting record, or the edit of a draft or returned one, with
its attendees, agenda, resolutions, rankings, photos and documents in one page.

The page opens short: the essentials, then folded sections that open by themselves when they
hold something or an error. Rows are added on demand: with JavaScript in place, without it by
"Add a row", a submit that shows the page again with one more row, saving nothing and losing
nothing. A refused save lists every error at the top, and keeps the files it brought
(portal.core.pending)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from meetings import workflow
from meetings.models import Meeting
from portal.core.pending import PendingUploadFormMixin, pending_uploads_consumed, pending_uploads_keep

from . import roles, services
from .access import back_office, record_or_404
from .forms import FILES_NOTE, FORMSETS, MeetingForm

ADD_ROW = "add_row"
FILE_SECTIONS = {"photos", "documents"}


def _with_one_more_row(data, prefix):
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = max(int(data.get(key, "0")), 0)
    except ValueError:
        total = 0
    data[key] = str(total + 1)
    return data


def _formsets(request, meeting, data, files):
    made = []
    for prefix, formset_class, title in FORMSETS:
        kwargs = {"form_kwargs": {"uploader": request.user}} if issubclass(formset_class.form,
                                                                              PendingUploadFormMixin) else {}
        made.append((prefix, title, formset_class(data, files, instance=meeting, prefix=prefix, **kwargs)))
    return made


def _unjudged(form, formsets):
    """Show what was typed without judging it: an added row is not a save, so no errors."""
    form._errors = ErrorDict(renderer=form.renderer)
    for formset in formsets:
        for subform in formset.forms:
            subform._errors = ErrorDict(renderer=subform.renderer)
        formset._errors = [subform._errors for subform in formset.forms]
        formset._non_form_errors = formset.error_class(error_class="nonform", renderer=formset.renderer)


def _focus_new_row(formset):
    if formset.forms:
        fields = formset.forms[-1].visible_fields()
        if fields:
            fields[0].field.widget.attrs["autofocus"] = True


def _sections(formsets, refused):
    return [{
        "prefix": prefix, "title": title, "formset": formset,
        "open": bool(formset.forms) or (refused and bool(formset.non_form_errors())),
        "note": FILES_NOTE if prefix in FILE_SECTIONS else "",
    } for prefix, title, formset in formsets]


def _meeting_form_page(request, meeting):
    unit_ids = roles.officer_unit_ids(request.user)
    posted = request.method == "POST"
    prefixes = [prefix for prefix, _class, _title in FORMSETS]
    add_row = request.POST.get(ADD_ROW) if posted else None
    add_row = add_row if add_row in prefixes else None
    data, files = (request.POST, request.FILES) if posted else (None, None)
    if add_row:
        data = _with_one_more_row(data, add_row)
    form = MeetingForm(data, instance=meeting, unit_ids=unit_ids)
    formsets = _formsets(request, meeting, data, files)
    all_formsets = [formset for _prefix, _title, formset in formsets]
    refused = False
    if add_row:
        _unjudged(form, all_formsets)
        pending_uploads_keep(all_formsets)
        _focus_new_row({p: f for p, _t, f in formsets}[add_row])
    elif posted:
        saved = None
        # one transaction from the version check (which locks the row) to the save: two officers
        # saving the same record at the same moment cannot both pass the check
        with transaction.atomic():
            if form.is_valid() and all(formset.is_valid() for formset in all_formsets):
                try:
                    saved = services.meeting_save_filed(form=form, formsets=all_formsets, user=request.user)
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    pending_uploads_consumed(all_formsets)
        if saved is not None:
            messages.success(request, _("The meeting record is saved."))
            return redirect("backoffice:meeting-detail", meeting_id=saved.pk)
        refused = True
        pending_uploads_keep(all_formsets)
    sections = _sections(formsets, refused)
    return render(request, "backoffice/meeting_form.html", {
        "form": form, "sections": sections, "refused": refused,
        "error_sections": [(s["title"], s["formset"], f"#section-{s['prefix']}") for s in sections],
        "formsets": [(title, formset) for _prefix, title, formset in formsets],
        "meeting": meeting if meeting.pk else None,
    })


@back_office("officer")
def meeting_create(request):
    return _meeting_form_page(request, Meeting())


@back_office()
def meeting_edit(request, meeting_id):
    meeting = record_or_404(request, meeting_id)
    if not workflow.can_edit(meeting, request.user):
        messages.error(request, _("This record cannot be changed now: it is with the reviewers or already "
                                  "approved."))
        return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)
    return _meeting_form_page(request, meeting)
