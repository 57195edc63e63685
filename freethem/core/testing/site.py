"""The `site_url` fixture: the live server answering the way gunicorn does (registered by the
root conftest).

pytest-django's live server puts Django's StaticFilesHandler in front of the site, which
answers /static/ itself, outside the middleware. In production WhiteNoise answers them inside
the middleware stack, where the security headers are added; tests of what every response
carries must see that.
"""

from collections.abc import Iterator

import pytest
from django.core.handlers.wsgi import WSGIHandler
from pytest_django.live_server_helper import LiveServer


@pytest.fixture
def site_url(live_server: LiveServer) -> Iterator[str]:
    """The live server's address, with static files served by the site's own middleware."""
    server = live_server.thread.httpd
    test_app = server.get_app()
    server.set_app(WSGIHandler())
    try:
        yield live_server.url
    finally:
        server.set_app(test_app)
