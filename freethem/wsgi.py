"""WSGI entry point: `gunicorn freethem.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
application = get_wsgi_application()
