import os

from django.core.wsgi import get_wsgi_application

# A server process is production unless told otherwise.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
