"""Writes of the movement records that unit officers make: a unit's registration and a
cluster's pact. Each checks who may file it here, not only in the view, so that no other
caller can skip the rule."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import ClusterYear, Role, Unit, UnitOfficer

from .models import ClusterPact, Movement, MovementRegistration


def _is_officer_of(user, unit_id: int) -> bool:
    return UnitOfficer.objects.filter(user=user, unit_id=unit_id).exists()


def _check_open(movement: Movement) -> None:
    if not Movement.objects.open_for_registration(timezone.localdate()).filter(pk=movement.pk).exists():
        raise ValidationError(_("This movement is not open: it is not published or has ended."), code="closed")


def leader_unit_ids(cluster_year: ClusterYear) -> list[int]:
    """The unit(s) holding the leader role that year (the database allows one)."""
    return list(cluster_year.members.filter(role=Role.LEADER).values_list("unit_id", flat=True))


def movement_register(*, movement: Movement, unit: Unit, user, content: str, file=None) -> MovementRegistration:
    """Register `unit` for `movement`, filed by an officer of that unit; once per movement."""
    if not _is_officer_of(user, unit.pk):
        raise PermissionDenied
    _check_open(movement)
    registration = MovementRegistration(movement=movement, unit=unit, registered_by=user, content=content)
    if file:
        registration.file = file
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # a second request that passed full_clean at the same moment
        raise ValidationError(_("This unit has already registered for this movement."), code="unique") from None
    return registration


def cluster_pact_file(*, movement: Movement, cluster_year: ClusterYear, user, text: str,
                      signed_on: datetime.date | None = None, file=None) -> ClusterPact:
    """File a cluster's pact for a movement, by an officer of the year's leader unit (R2)."""
    if not any(_is_officer_of(user, unit_id) for unit_id in leader_unit_ids(cluster_year)):
        raise PermissionDenied
    _check_open(movement)
    pact = ClusterPact(movement=movement, cluster_year=cluster_year, filed_by=user, text=text, signed_on=signed_on)
    if file:
        pact.file = file
    pact.full_clean()
    try:
        with transaction.atomic():
            pact.save()
    except IntegrityError:
        raise ValidationError(_("This cluster already has a pact for this movement in that year."),
                              code="unique") from None
    return pact
