"""Demo rows of the bottom app: the administrator account."""

from django.contrib.auth import get_user_model

DEMO_PASSWORD = "thidua2017"  # noqa: S105 - public on purpose; the demo refuses DEBUG=False


def load(*, stdout):
    User = get_user_model()
    admin, _created = User.objects.update_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "full_name": "Quản trị hệ thống",
                  "email": "admin@example.invalid"},
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
