"""E-mails of the nomination path: to the staff who process dossiers when one is submitted, to
the filing unit at return, hold and decision (also a decision for part of its lines while the
others wait), to a commenter when answered. Sent after the step
is saved; a mail server that is down never undoes a step."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import override

from clusters.models import UnitOfficer

from .models import DossierEvent, DossierState

logger = logging.getLogger(__name__)


def _staff_addresses() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="").filter(
        Q(groups__permissions__codename="process_dossier") | Q(user_permissions__codename="process_dossier")
        | Q(is_superuser=True)).distinct()
    return sorted({u.email for u in users})


def _unit_addresses(dossier) -> list[str]:
    officers = UnitOfficer.objects.filter(unit_id=dossier.unit_id, user__is_active=True).exclude(user__email="")
    return sorted(set(officers.values_list("user__email", flat=True)))


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the step is saved; the mail is a courtesy
        logger.exception("nomination e-mail could not be sent to %s", recipients)


def notify(event: DossierEvent) -> None:
    dossier = event.dossier
    if dossier.is_sample:
        return  # invented dossiers of the demo write to nobody
    with override("vi"):
        values = {"dossier": str(dossier), "summary": dossier.summary, "reason": event.reason,
                  "state": dossier.get_state_display(), "unit": dossier.unit.name}
        if event.to_state == DossierState.SUBMITTED:
            _send(_("Nomination dossier submitted: %(dossier)s") % values,
                  _("%(unit)s has submitted the nomination dossier “%(summary)s”.\n") % values, _staff_addresses())
        elif event.to_state == DossierState.RETURNED:
            _send(_("Nomination dossier returned: %(dossier)s") % values,
                  _("The dossier “%(summary)s” was returned for changes.\n\nReason: %(reason)s\n\n"
                    "Correct it in the back office and submit it again.\n") % values, _unit_addresses(dossier))
        elif event.to_state == DossierState.ON_HOLD:
            _send(_("Nomination dossier on hold: %(dossier)s") % values,
                  _("The dossier “%(summary)s” is on hold.\n\nReason: %(reason)s\n") % values,
                  _unit_addresses(dossier))
        elif event.action == "decision_signed":
            _send(_("Decision signed for lines of your dossier: %(dossier)s") % values,
                  _("Decision %(reason)s was signed for some lines of the dossier “%(summary)s”; its other lines "
                    "are still being processed. The back office shows each line's outcome.\n") % values,
                  _unit_addresses(dossier))
        elif event.to_state in (DossierState.DECIDED, DossierState.NOT_APPROVED):
            _send(_("Nomination dossier %(state)s: %(dossier)s") % values,
                  _("The dossier “%(summary)s” is %(state)s. The back office shows each line's outcome.\n")
                  % values, _unit_addresses(dossier))


def comment_answered(comment) -> None:
    try:
        validate_email(comment.contact)
    except Exception:
        return  # a phone number: the office calls back
    with override("vi"):
        _send(_("Answer to your comment: %(title)s") % {"title": comment.consultation.title},
              _("Your comment:\n%(text)s\n\nThe answer of the Department of Home Affairs:\n%(answer)s\n")
              % {"text": comment.text, "answer": comment.answer}, [comment.contact])
