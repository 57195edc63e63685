"""WSGI entry point: `gunicorn freethem.wsgi`.

Before serving, it checks that the data keys decrypt what the database holds and that
SECRET_KEY is the one the database was first served with: a server that started with the wrong
key (or a new one) would answer, yet fail every signer's duplicate check and personal link.
Then gunicorn's workers fail to boot, with the reason in the log.
"""

import logging
import os

from django.core.wsgi import get_wsgi_application
from django.db import OperationalError, connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
application = get_wsgi_application()

from freethem.core.crypto import check_stored_data  # noqa: E402 - needs the apps loaded
from freethem.core.secretkey import check_secret_key  # noqa: E402

try:
    check_stored_data()
    check_secret_key(record=True)
except OperationalError as error:
    # The database is down: the site answers 503 at /healthz meanwhile, and a later start
    # checks again. Refusing to start would only keep the site down after the database is up.
    logging.getLogger(__name__).warning("Could not check the keys against the database: %s", error)
finally:
    connections.close_all()  # not inherited by processes forked after (gunicorn --preload)
