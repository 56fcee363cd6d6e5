"""Once the cluster scoring has built a meeting's ranking, the ranking rows are changed only
through the scoring (its vote, with the history), never by hand in the admin or the back office:
the published results and the filed dossier are read from them."""

from django.contrib import admin
from django.test import RequestFactory

from backoffice.forms import RankingFormSet
from meetings.models import Meeting, Ranking

from .test_services import _ranked


def _formset_data(meeting, **changes):
    rows = list(meeting.rankings.order_by("rank", "pk"))
    data = {"rankings-TOTAL_FORMS": str(len(rows)), "rankings-INITIAL_FORMS": str(len(rows)),
            "rankings-MIN_NUM_FORMS": "0", "rankings-MAX_NUM_FORMS": "200"}
    for index, row in enumerate(rows):
        data |= {f"rankings-{index}-id": str(row.pk), f"rankings-{index}-meeting": str(meeting.pk),
                 f"rankings-{index}-rank": str(row.rank), f"rankings-{index}-unit": str(row.unit_id),
                 f"rankings-{index}-score": "" if row.score is None else str(row.score),
                 f"rankings-{index}-basis": row.basis,
                 f"rankings-{index}-note": row.note}
    data |= changes
    return data


def test_a_ranking_without_scoring_stays_editable_by_hand(world):
    Ranking.objects.create(meeting=world.meeting, unit=world.units[0], rank=1, basis="vote")
    formset = RankingFormSet(_formset_data(world.meeting, **{"rankings-0-rank": "2"}), instance=world.meeting,
                             prefix="rankings")
    assert not formset.held_because
    assert formset.is_valid(), formset.errors


def test_the_back_office_shows_a_held_ranking_read_only_and_refuses_a_change(world):
    _ranked(world)
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    unchanged = RankingFormSet(_formset_data(meeting), instance=meeting, prefix="rankings")
    assert unchanged.held_because and unchanged.is_valid()
    assert all(field.disabled for form in unchanged.forms for field in form.fields.values())
    # a forged deletion or change is ignored: the rows stay as the scoring left them
    before = list(meeting.rankings.order_by("pk").values_list("unit_id", "rank"))
    deleted = RankingFormSet(_formset_data(meeting, **{"rankings-0-DELETE": "on"}), instance=meeting,
                             prefix="rankings")
    assert deleted.is_valid()
    deleted.save()
    assert list(meeting.rankings.order_by("pk").values_list("unit_id", "rank")) == before
    forged = RankingFormSet(_formset_data(meeting, **{"rankings-0-rank": "9"}), instance=meeting, prefix="rankings")
    assert forged.is_valid()
    forged.save()
    assert list(meeting.rankings.order_by("pk").values_list("unit_id", "rank")) == before


def test_the_admin_shows_a_held_ranking_without_editing_rights(world, django_user_model):
    inline_class = next(i for i in admin.site._registry[Meeting].inlines if i.model is Ranking)
    inline = inline_class(Meeting, admin.site)
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    assert inline.has_change_permission(request, world.meeting)
    _ranked(world)
    assert not inline.has_change_permission(request, world.meeting)
    assert not inline.has_add_permission(request, world.meeting)
    assert not inline.has_delete_permission(request, world.meeting)
    assert inline.has_view_permission(request, world.meeting)
