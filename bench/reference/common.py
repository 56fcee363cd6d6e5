"""Settings both reference projects share: the production shape (DEBUG off, so the cached
template loader; Django's default middleware; a local-memory cache; SQLite under bench/out)."""

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "out" / "reference"

DEBUG = False
SECRET_KEY = "bench-reference-not-secret"  # noqa: S105 - a throwaway project measured in process
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_CODE = "vi"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
BODY = "".join(
    f"<p>Đoạn {i}: hội nghị sơ kết công tác thi đua khen thưởng của cụm thi đua các huyện biên giới, "
    f"với các đơn vị thành viên, đánh giá kết quả sáu tháng đầu năm và bàn <strong>nhiệm vụ</strong> "
    f"trọng tâm sáu tháng cuối năm; phát động phong trào thi đua <em>chuyên đề</em>.</p>"
    for i in range(8)
)
