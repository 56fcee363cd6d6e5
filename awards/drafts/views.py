"""The staff's download of a decision's draft, as two admin URLs on the decision
(`<pk>/draft.docx`, `<pk>/draft.pdf`), open to whoever may view the decision in the admin.

The draft is rendered on request from the record as it stands: it is never stored, so there is
nothing to keep in step. Once signed, the paper is scanned and uploaded to the decision's scan
field (the change form says so beside the links)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path

from portal.core.files import protect_download

from ..models import Decision


def _renderer(extension: str):
    # imported when first asked for: python-docx and ReportLab stay out of every other request
    if extension == "docx":
        from .render_docx import render_docx

        return render_docx
    from .render_pdf import render_pdf

    return render_pdf


class DecisionDraftAdminMixin:
    """For DecisionAdmin: the draft URLs and their views, kept apart from the rest of it."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/draft.docx", wrap(self.draft_docx_view), name="awards_decision_draft_docx"),
            path("<int:pk>/draft.pdf", wrap(self.draft_pdf_view), name="awards_decision_draft_pdf"),
        ] + super().get_urls()

    def draft_docx_view(self, request, pk):
        return self._draft_response(request, pk, "docx")

    def draft_pdf_view(self, request, pk):
        return self._draft_response(request, pk, "pdf")

    def _draft_response(self, request, pk, extension: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied  # before any read: a refused user learns nothing, not even a 404
        from .decision import decision_layout, load_decision

        try:
            decision = load_decision(pk)
        except Decision.DoesNotExist as exc:
            raise Http404 from exc
        if not self.has_view_permission(request, decision):
            raise PermissionDenied
        body = _renderer(extension)(decision_layout(decision))
        response = HttpResponse(body)
        # the ASCII name and the UTF-8 one, no sniffing, a sandbox: as every download of the portal
        return protect_download(response, f"du-thao-{decision.slug or 'quyet-dinh'}.{extension}", attachment=True)
