"""The officer's filing form: a new meeting record, or the edit of a draft or returned one, with
its attendees, agenda, resolutions, rankings, photos and documents in one page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from meetings import workflow
from meetings.models import Meeting

from . import roles, services
from .access import back_office, record_or_404
from .forms import FILES_NOTE, FORMSETS, MeetingForm


def _formsets(request, meeting):
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    return [
        (title, formset_class(*data, instance=meeting, prefix=prefix))
        for prefix, formset_class, title in FORMSETS
    ]


def _meeting_form_page(request, meeting):
    unit_ids = roles.officer_unit_ids(request.user)
    form = MeetingForm(request.POST or None, instance=meeting, unit_ids=unit_ids)
    formsets = _formsets(request, meeting)
    if request.method == "POST":
        saved = None
        # one transaction from the version check (which locks the row) to the save: two officers
        # saving the same record at the same moment cannot both pass the check
        with transaction.atomic():
            if form.is_valid() and all(formset.is_valid() for _title, formset in formsets):
                try:
                    saved = services.meeting_save_filed(form=form, formsets=[f for _t, f in formsets],
                                                        user=request.user)
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
        if saved is not None:
            messages.success(request, _("The meeting record is saved."))
            return redirect("backoffice:meeting-detail", meeting_id=saved.pk)
        messages.error(request, _("The record was not saved: please correct the errors shown below."))
    return render(request, "backoffice/meeting_form.html", {
        "form": form, "formsets": formsets, "meeting": meeting if meeting.pk else None, "files_note": FILES_NOTE,
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
