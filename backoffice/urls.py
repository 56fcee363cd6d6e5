from django.urls import path

from nominations.report_urls import staff_urlpatterns as nomination_report_urlpatterns

from . import dossiers, filing, movements, scoring, views

app_name = "backoffice"
# Keyword names say what the number is (meeting_id, document_id): the permission-matrix test
# fills them with another unit's rows, so a new URL is covered as soon as it exists.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("duyet/", views.review_queue, name="review-queue"),
    path("hoi-nghi/moi/", filing.meeting_create, name="meeting-create"),
    path("hoi-nghi/<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path("hoi-nghi/<int:meeting_id>/sua/", filing.meeting_edit, name="meeting-edit"),
    path("hoi-nghi/<int:meeting_id>/gui-duyet/", views.meeting_submit, name="meeting-submit"),
    path("hoi-nghi/<int:meeting_id>/duyet/", views.meeting_review, name="meeting-review"),
    path("tai-lieu/<int:document_id>/", views.document_download, name="document"),
    path("phong-trao/", movements.movement_registrations, name="movements"),
    path("phong-trao/giao-uoc/", movements.cluster_pacts, name="movement-pacts"),
    path("ho-so-khen-thuong/", dossiers.dossier_list, name="dossier-list"),
    path("ho-so-khen-thuong/moi/", dossiers.dossier_create, name="dossier-create"),
    path("ho-so-khen-thuong/<int:dossier_id>/", dossiers.dossier_detail, name="dossier-detail"),
    path("ho-so-khen-thuong/<int:dossier_id>/sua/", dossiers.dossier_edit, name="dossier-edit"),
    path("ho-so-khen-thuong/<int:dossier_id>/gui/", dossiers.dossier_submit, name="dossier-submit"),
    path("ho-so-khen-thuong/<int:dossier_id>/tai-lieu/", dossiers.attachment_add, name="dossier-attachment-add"),
    path("ho-so-khen-thuong/<int:dossier_id>/nguoi-de-nghi/moi/", dossiers.line_create, name="dossier-line-create"),
    path("ho-so-khen-thuong/<int:dossier_id>/nhap-excel/", dossiers.dossier_import, name="dossier-import"),
    path("ho-so-khen-thuong/<int:dossier_id>/nhap-excel/mau.xlsx", dossiers.import_template,
         name="dossier-import-template"),
    path("ho-so-khen-thuong/nguoi-de-nghi/<int:line_id>/sua/", dossiers.line_edit, name="dossier-line-edit"),
    path("ho-so-khen-thuong/nguoi-de-nghi/<int:line_id>/xoa/", dossiers.line_delete, name="dossier-line-delete"),
    path("cham-diem/", scoring.scoring_list, name="scoring-list"),
    path("cham-diem/phieu/<int:sheet_id>/", scoring.sheet_detail, name="scoring-sheet"),
    path("cham-diem/phieu/<int:sheet_id>/gui/", scoring.sheet_submit, name="scoring-sheet-submit"),
    path("cham-diem/diem/<int:entry_id>/dieu-chinh/", scoring.entry_adjust, name="scoring-entry-adjust"),
    path("cham-diem/<int:scoring_id>/tong-hop/", scoring.compilation, name="scoring-compilation"),
    path("cham-diem/<int:scoring_id>/tong-hop.xlsx", scoring.compilation_xlsx, name="scoring-compilation-xlsx"),
    path("cham-diem/<int:scoring_id>/khoa-tong-hop/", scoring.compilation_close, name="scoring-close"),
    path("cham-diem/<int:scoring_id>/san-sang/", scoring.compilation_ready, name="scoring-ready"),
    path("cham-diem/<int:scoring_id>/xep-hang/", scoring.meeting_rank, name="scoring-rank"),
    path("cham-diem/<int:scoring_id>/bieu-quyet/", scoring.ranking_vote, name="scoring-vote"),
    path("cham-diem/<int:scoring_id>/de-nghi/", scoring.proposals_file, name="scoring-proposals"),
    path("dang-nhap-bi-khoa/", views.login_locks, name="login-locks"),
    path("mat-khau/doi/", views.PasswordChangeView.as_view(), name="password-change"),
    path("mat-khau/doi/xong/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    *nomination_report_urlpatterns,  # /can-bo/bao-cao-khen-thuong/…: the nomination report, for reviewers
]
