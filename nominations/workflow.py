"""The rules of a dossier's path, read-only (services.py applies them):

    draft ─officer─▶ submitted ─staff─▶ received ─▶ under appraisal ─▶ (public consultation) ─▶ before the council
      ▲                 │                  │              │                                            │
      └── returned ◀────┴──────────────────┴──────────────┘ (with a reason; the officer resubmits)   council voted
                                                                                                        │
    any office state ─▶ on hold (with a reason) ─▶ back to where it was               proposed to the signer
                                                                                                        │
                                                              decided (some lines decided) · not approved (none)

An officer acts on their own unit's dossiers only, while they are theirs (draft, returned); the
leader unit of a cluster-year files for the cluster (R2). Staff hold the process permission."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusters.models import ClusterYear, Role, UnitOfficer

from .models import Dossier, DossierState

PROCESS_PERMISSION = "nominations.process_dossier"
S = DossierState

OFFICER_EDITABLE = {S.DRAFT, S.RETURNED}
# the office's steps; "on hold" and "resume" are open from every state of the office's work
STAFF_STEPS = {
    S.SUBMITTED: {S.RECEIVED, S.RETURNED},
    S.RECEIVED: {S.APPRAISAL, S.RETURNED},
    S.APPRAISAL: {S.RETURNED, S.CONSULTATION, S.COUNCIL},
    S.CONSULTATION: {S.COUNCIL},
    S.COUNCIL: {S.VOTED},
    S.VOTED: {S.PROPOSED},
}
HOLDABLE = {S.RECEIVED, S.APPRAISAL, S.CONSULTATION, S.COUNCIL, S.VOTED, S.PROPOSED}
REASON_REQUIRED = {S.RETURNED, S.ON_HOLD}
# the office enters a paper dossier's content while it is in its hands
STAFF_EDITABLE = {S.DRAFT, S.SUBMITTED, S.RECEIVED, S.APPRAISAL}
FINAL = {S.DECIDED, S.NOT_APPROVED}
# states the filing unit's e-mail tells them about
NOTIFY_UNIT = {S.RETURNED, S.ON_HOLD, S.DECIDED, S.NOT_APPROVED}


def is_processor(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff
                and user.has_perm(PROCESS_PERMISSION))


def officer_unit_ids(user) -> set[int]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return set(UnitOfficer.objects.filter(user=user).values_list("unit_id", flat=True))


def is_filing_officer(user, dossier: Dossier) -> bool:
    return dossier.unit_id in officer_unit_ids(user)


def cluster_leader_unit_ids(cluster, year: int) -> set[int]:
    """The unit leading `cluster` in `year`; when that year has no leader recorded, the previous
    year's (R2, as LPM does)."""
    for y in (year, year - 1):
        ids = set(ClusterYear.objects.filter(cluster=cluster, year=y, withdrawn_at__isnull=True,
                                             members__role=Role.LEADER).values_list("members__unit_id", flat=True))
        if ids:
            return ids
    return set()


def may_file(user, unit, cluster=None, year: int | None = None) -> bool:
    """An officer files for their unit; for a cluster, only as the leader unit of the year."""
    if is_processor(user):
        return True
    if unit.pk not in officer_unit_ids(user):
        return False
    if cluster is not None:
        return year is not None and unit.pk in cluster_leader_unit_ids(cluster, year)
    return True


def officer_may_edit(user, dossier: Dossier) -> bool:
    return dossier.state in OFFICER_EDITABLE and is_filing_officer(user, dossier)


def may_edit(user, dossier: Dossier) -> bool:
    """A unit's own dossier is edited by its officers only; staff enter the content of a dossier
    that came on paper, while it is in their hands."""
    if officer_may_edit(user, dossier):
        return True
    return is_processor(user) and dossier.is_paper and (dossier.state in STAFF_EDITABLE
                                                         or dossier.state == S.RETURNED)


def allowed_steps(user, dossier: Dossier) -> set[str]:
    steps: set[str] = set()
    if dossier.state in OFFICER_EDITABLE and (is_filing_officer(user, dossier)
                                             or (dossier.is_paper and is_processor(user))):
        steps.add(S.SUBMITTED)
    if is_processor(user):
        steps |= STAFF_STEPS.get(dossier.state, set())
        if dossier.state in HOLDABLE:
            steps.add(S.ON_HOLD)
        if dossier.state == S.ON_HOLD and dossier.held_from:
            steps.add(dossier.held_from)
    return steps


def step_error(user, dossier: Dossier, to_state: str) -> str | None:
    if to_state not in allowed_steps(user, dossier):
        return _("This step is not possible now: the dossier is “%(state)s”.") % {
            "state": dossier.get_state_display()}
    return None
