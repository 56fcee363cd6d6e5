"""Unit officers and emulation movements: a unit registers for an open movement (đăng ký thi
đua), and the officer of a cluster-year's leader unit files the cluster's pact (giao ước).

An officer registers only the units they file for and sees only those units' registrations;
the unit field offers no other, and the service refuses any other even when a forged form names
it. Staff see every registration in the admin. The rules live in awards.movement_services."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import ClusterPact, Movement, MovementRegistration
from awards.movement_services import cluster_pact_file, movement_register
from clusters.models import ClusterYear, Role, Unit

from . import roles
from .access import back_office

DOCUMENT_TYPES = ".pdf,.docx"


def _open_movements():
    return Movement.objects.open_for_registration(timezone.localdate()).order_by("end_date", "name")


class RegistrationForm(forms.Form):
    movement = forms.ModelChoiceField(label=gettext_lazy("Movement"), queryset=Movement.objects.none())
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none())
    content = forms.CharField(label=gettext_lazy("Content and commitments"), widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=gettext_lazy("What the unit commits to achieve."))
    file = forms.FileField(label=gettext_lazy("Signed registration (optional)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
                           help_text=gettext_lazy("PDF or DOCX, up to 20 MB."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = _open_movements()
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=roles.officer_unit_ids(user)).order_by("name")
        if len(self.fields["unit"].queryset) == 1:
            self.fields["unit"].initial = self.fields["unit"].queryset[0].pk


class PactForm(forms.Form):
    movement = forms.ModelChoiceField(label=gettext_lazy("Movement"), queryset=Movement.objects.none())
    cluster_year = forms.ModelChoiceField(label=gettext_lazy("Cluster and year"), queryset=ClusterYear.objects.none())
    signed_on = forms.DateField(label=gettext_lazy("Signed on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                help_text=gettext_lazy("Leave empty when not known."))
    text = forms.CharField(label=gettext_lazy("Text of the pact"), widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(label=gettext_lazy("Signed pact (optional)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
                           help_text=gettext_lazy("PDF or DOCX, up to 20 MB."))

    def __init__(self, *args, cluster_years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = _open_movements()
        self.fields["cluster_year"].queryset = cluster_years


def led_cluster_years(user):
    """The cluster-years (this year and the last) whose leader is one of the officer's units."""
    this_year = timezone.localdate().year
    return (ClusterYear.objects.filter(
        year__gte=this_year - 1, members__role=Role.LEADER, members__unit_id__in=roles.officer_unit_ids(user))
        .select_related("cluster").order_by("-year", "cluster__name").distinct())


def _refused(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@back_office("officer")
def movement_registrations(request):
    """Open movements with the officer's units' registrations, and the form to register."""
    unit_ids = roles.officer_unit_ids(request.user)
    form = RegistrationForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            movement_register(movement=data["movement"], unit=data["unit"], user=request.user,
                              content=data["content"], file=data["file"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The registration is saved."))
            return redirect("backoffice:movements")
    registrations = list(MovementRegistration.objects.filter(unit_id__in=unit_ids)
                         .select_related("movement", "unit", "registered_by").order_by("-registered_at", "-pk"))
    registered = {(r.movement_id, r.unit_id) for r in registrations}
    movements = list(_open_movements())
    for movement in movements:
        movement.unregistered_count = sum((movement.pk, unit_id) not in registered for unit_id in unit_ids)
    return render(request, "backoffice/movements.html", {
        "form": form, "movements": movements, "registrations": registrations,
        "leads_a_cluster": led_cluster_years(request.user).exists(),
    })


@back_office("officer")
def cluster_pacts(request):
    """The pacts of the clusters the officer's unit leads, and the form to file one."""
    cluster_years = led_cluster_years(request.user)
    form = PactForm(request.POST or None, request.FILES or None, cluster_years=cluster_years)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cluster_pact_file(movement=data["movement"], cluster_year=data["cluster_year"], user=request.user,
                              text=data["text"], signed_on=data["signed_on"], file=data["file"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The pact is saved."))
            return redirect("backoffice:movement-pacts")
    pacts = (ClusterPact.objects.filter(cluster_year__in=cluster_years.values("pk"))
             .select_related("movement", "cluster_year__cluster").order_by("-cluster_year__year", "-pk"))
    return render(request, "backoffice/movements_pacts.html", {
        "form": form, "pacts": pacts, "cluster_years": list(cluster_years),
    })
