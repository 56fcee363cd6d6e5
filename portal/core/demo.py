"""Demo rows of the bottom app: the administrator account."""

from django.contrib.auth import get_user_model

DEMO_PASSWORD = "thidua2017"  # noqa: S105 - public on purpose; the demo refuses DEBUG=False

# One page, no text: enough to be a valid PDF for the document checks (demo files of the apps above).
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(*, stdout):
    User = get_user_model()
    admin, _created = User.objects.update_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "full_name": "Quản trị hệ thống",
                  "email": "admin@example.invalid"},
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
