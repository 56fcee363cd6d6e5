from django.urls import path

from . import filing, movements, views

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
    path("dang-nhap-bi-khoa/", views.login_locks, name="login-locks"),
    path("mat-khau/doi/", views.PasswordChangeView.as_view(), name="password-change"),
    path("mat-khau/doi/xong/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
]
