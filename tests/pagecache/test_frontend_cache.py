"""Publishing purges the changed pages from a Varnish-like cache in front of the site.

A small local HTTP server stands in for Varnish: it answers PURGE requests
and remembers them.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from partnership.models import DelegationReportPage, WorkshopPage

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish():
    PurgeRecorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    location = f"http://127.0.0.1:{server.server_port}"
    backends = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        yield PurgeRecorder.purged
    server.shutdown()


def test_publishing_purges_the_page_its_section_home_and_translation(
    demo, varnish, django_capture_on_commit_callbacks
):
    report = DelegationReportPage.objects.live().filter(locale=demo.fr).first()
    german = report.get_translation(demo.de)

    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()

    paths = {path for _host, path in varnish}
    assert urlsplit(report.full_url).path in paths
    assert urlsplit(report.get_parent().full_url).path in paths
    assert "/fr/" in paths
    assert urlsplit(german.full_url).path in paths
    # Its renderings and the section's feed change with it.
    page_path = urlsplit(report.full_url).path
    for route in ("bilingual/", "email/", "email.txt", "email.txt?format=full", "embed/"):
        assert page_path + route in paths
    assert urlsplit(report.get_parent().full_url).path + "feed/" in paths
    assert "/fr/feed/" in paths
    assert {host for host, _path in varnish} == {urlsplit(report.full_url).netloc}


def test_a_workshop_purges_its_calendar_entries(demo, varnish, django_capture_on_commit_callbacks):
    workshop = WorkshopPage.objects.live().filter(locale=demo.de).first()
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()

    paths = {path for _host, path in varnish}
    assert urlsplit(workshop.full_url).path + "event.ics" in paths
    assert urlsplit(workshop.get_parent().full_url).path + "calendar.ics" in paths


def test_unpublishing_purges_too(demo, varnish, django_capture_on_commit_callbacks):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    url = urlsplit(report.full_url).path

    with django_capture_on_commit_callbacks(execute=True):
        report.unpublish()

    assert url in {path for _host, path in varnish}


def test_nothing_is_purged_without_a_frontend_cache(demo, django_capture_on_commit_callbacks):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()  # no backend configured: no request, no error


def test_making_a_section_private_purges_it_and_its_pages(
    demo, varnish, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    section = report.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    paths = {path for _host, path in varnish}
    assert {urlsplit(section.full_url).path, urlsplit(report.full_url).path} <= paths

    varnish.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert urlsplit(report.full_url).path in {path for _host, path in varnish}


def test_every_purged_url_is_one_the_site_serves(
    client, demo, varnish, django_capture_on_commit_callbacks
):
    """A purge of a URL nobody is served leaves the real one stale in the CDN."""
    workshop = WorkshopPage.objects.live().filter(locale=demo.fr).first()
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()
        report.save_revision().publish()
    paths = sorted({path for _host, path in varnish})
    assert len(paths) > 20
    for path in paths:
        assert client.get(path).status_code == 200, path
