"""The Content-Security-Policy: strict on public pages, workable in the admin.

Public pages in both languages run no inline script or style and load
nothing from other origins; the admin's policy allows what Wagtail's admin
needs and nothing from elsewhere; e-mail HTML keeps its inline styles; the
embed card keeps its own framing rule. tests/security/test_csp_browser.py
loads pages in Chromium and collects the violations a browser reports.
"""

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from exhibitions.models import ExhibitionIndexPage
from home.models import FormPage
from newsletter.models import NewsletterIssuePage
from partnership.models import DelegationReportPage

ROOT = Path(__file__).resolve().parents[2]
# Script elements a browser never runs, so no policy applies to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def directives(response):
    policy = response["Content-Security-Policy"]
    found = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        found[name] = sources
    return found


def nonce_of(policy):
    for sources in policy.values():
        for source in sources:
            if source.startswith("'nonce-"):
                return source.removeprefix("'nonce-").rstrip("'")
    return None


class Markup(HTMLParser):
    """What in a page a policy has to allow: inline code, handlers, styles, outside resources."""

    def __init__(self, html):
        super().__init__()
        self.inline_scripts = []  # the nonce attribute of each executable inline script
        self.style_elements = []  # the nonce attribute of each <style>
        self.handlers = []
        self.style_attributes = []
        self.javascript_urls = []
        self.resources = []  # URLs of scripts, style sheets, images and frames
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name == "style":
                self.style_attributes.append((tag, value))
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.javascript_urls.append((tag, value))
        if tag == "script":
            if attributes.get("src"):
                self.resources.append(attributes["src"])
            elif attributes.get("type", "text/javascript") not in DATA_SCRIPT_TYPES:
                self.inline_scripts.append(attributes.get("nonce"))
        elif tag == "style":
            self.style_elements.append(attributes.get("nonce"))
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.resources.append(attributes.get("href"))
        elif tag in ("img", "iframe") and attributes.get("src"):
            self.resources.append(attributes["src"])


def same_origin(url):
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc or parts.netloc == "testserver"


def public_paths(demo):
    paths = []
    for locale, home in ((demo.de, demo.home_de), (demo.fr, demo.home_fr)):
        report = DelegationReportPage.objects.live().filter(locale=locale).first()
        with translation.override(locale.language_code):
            search = reverse("search")
        paths += [
            home.url,
            report.url,
            f"{report.url}bilingual/",
            report.get_parent().url,
            ExhibitionIndexPage.objects.live().filter(locale=locale).first().url,
            FormPage.objects.live().filter(locale=locale).first().url,
            f"{search}?q=Naumburg",
            f"/{locale.language_code}/gibt-es-nicht/",
        ]
    return paths


def assert_strict_public_policy(policy):
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert policy["style-src"][0] == "'self'"
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive], directive
        assert "'unsafe-eval'" not in policy[directive], directive
        assert all(
            source == "'self'" or source.startswith("'nonce-") for source in policy[directive]
        )
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert set(policy["frame-src"]) == {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }


def assert_page_keeps_to_policy(response, policy):
    markup = Markup(response.content.decode())
    nonce = nonce_of(policy)
    assert all(found == nonce and nonce for found in markup.inline_scripts), markup.inline_scripts
    assert all(found == nonce and nonce for found in markup.style_elements), markup.style_elements
    assert markup.handlers == []
    assert markup.style_attributes == []
    assert markup.javascript_urls == []
    assert [url for url in markup.resources if not same_origin(url)] == []


def test_public_pages_in_both_languages_run_nothing_inline(client, demo):
    for path in public_paths(demo):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        policy = directives(response)
        assert_strict_public_policy(policy)
        assert policy["frame-ancestors"] == ["'none'"], path
        assert_page_keeps_to_policy(response, policy)


def test_pages_an_editor_views_with_the_userbar_stay_strict(client, demo):
    client.force_login(get_user_model().objects.get(username="naumburg"))
    for path in [demo.home_de.url, DelegationReportPage.objects.live().first().url]:
        response = client.get(path)
        assert b"wagtail-userbar" in response.content
        policy = directives(response)
        assert_strict_public_policy(policy)
        assert_page_keeps_to_policy(response, policy)


def test_a_posted_form_page_stays_strict(client, demo):
    form_page = FormPage.objects.live().filter(locale=demo.fr).first()
    response = client.post(form_page.url, {})
    assert response.status_code == 200
    assert_strict_public_policy(directives(response))
    assert_page_keeps_to_policy(response, directives(response))


def test_the_403_page_has_no_inline_style_or_script(rf, demo):
    response = permission_denied(rf.get("/de/"), exception=PermissionDenied())

    markup = Markup(response.content.decode())
    assert response.status_code == 403
    assert markup.style_elements == []
    assert markup.style_attributes == []
    assert markup.inline_scripts == []
    assert markup.javascript_urls == []


ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/chooser/",
    "/admin/account/two-factor/",
    "/django-admin/",
]


def assert_admin_policy(policy):
    assert policy["default-src"] == ["'self'"]
    # Wagtail starts its widgets with inline scripts; nothing may be evaluated
    # from strings, and nothing comes from another origin.
    assert sorted(policy["script-src"]) == ["'self'", "'unsafe-inline'"]
    assert sorted(policy["style-src"]) == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'self'" in policy["frame-src"]
    assert not any(
        source.startswith("'nonce-") for sources in policy.values() for source in sources
    )


def test_the_admin_has_its_own_policy(admin_client, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    translated = DelegationReportPage.objects.live().filter(locale=demo.fr).first()
    paths = [
        *ADMIN_PATHS,
        reverse("wagtailadmin_pages:edit", args=[report.pk]),
        # wagtail-localize's translation editor
        reverse("wagtailadmin_pages:edit", args=[translated.pk]),
    ]
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_admin_policy(directives(response))


def test_the_admin_sign_in_page_has_the_admin_policy(client, demo):
    response = client.get("/admin/login/")
    assert_admin_policy(directives(response))


def test_editors_avatars_are_not_fetched_from_gravatar(admin_client, demo):
    assert b"gravatar.com" not in admin_client.get("/admin/").content


def preview(admin_client, page, mode=""):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form").copy()
    for key, value in nested_form_data(
        {"programme": streamfield([]), "body": streamfield([])}
    ).items():
        data[key] = value
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert admin_client.post(url, data).json()["is_valid"] is True
    return admin_client.get(url, {"mode": mode, "in_preview_panel": "true"})


def test_the_preview_shows_the_page_under_the_public_policy(admin_client, demo):
    response = preview(admin_client, DelegationReportPage.objects.live().first())

    policy = directives(response)
    assert_strict_public_policy(policy)
    assert policy["frame-ancestors"] == ["'self'"]


def assert_email_policy(policy):
    assert policy["style-src"] == ["'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]
    assert set(policy["img-src"]) == {
        "'self'",
        "data:",
        "https://i.ytimg.com",
        "https://i.vimeocdn.com",
    }
    assert policy["object-src"] == ["'none'"]


def test_email_html_keeps_its_inline_styles_and_runs_no_script(client, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.fr).first()
    issue = NewsletterIssuePage.objects.live().filter(locale=demo.de).first()
    for path in [f"{report.url}email/", f"{report.url}email/?format=full", f"{issue.url}email/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_email_policy(directives(response))
        markup = Markup(response.content.decode())
        assert markup.inline_scripts == [], path
        assert markup.style_attributes, path  # what the policy allows it for


def test_the_newsletter_previews_show_the_email_under_its_policy(admin_client, demo):
    response = preview(
        admin_client, DelegationReportPage.objects.live().first(), mode="newsletter-full"
    )

    policy = directives(response)
    assert_email_policy(policy)
    assert policy["frame-ancestors"] == ["'self'"]


@override_settings(EMBED_FRAME_ANCESTORS=["https://verein.example.org"])
def test_the_embed_card_keeps_its_own_policy(client, demo):
    report = DelegationReportPage.objects.live().first()
    policy = directives(client.get(f"{report.url}embed/"))
    assert policy["frame-ancestors"] == ["https://verein.example.org"]
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy


def test_images_may_come_from_the_media_storage_on_s3(client, admin_client, demo, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "twinsite-media",
                "custom_domain": "media.partnerschaft.example.org",
                "access_key": "local",
                "secret_key": "local",
                "querystring_auth": False,
            },
        },
    }
    media = "https://media.partnerschaft.example.org"
    public = directives(client.get(demo.home_de.url))
    assert public["img-src"] == ["'self'", "data:", media]
    assert media in directives(admin_client.get("/admin/"))["img-src"]
    assert public["script-src"] == ["'self'"]


def production_upgrade(**extra_env):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(SECRET_KEY="k3y-" + "x" * 50, ALLOWED_HOSTS="partnerschaft.example.org", **extra_env)
    code = (
        "from twinsite.settings import production as p\n"
        "print(p.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'),"
        " p.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_upgrades_insecure_requests():
    assert production_upgrade() == ["True", "True"]


def test_production_on_plain_http_loopback_does_not_upgrade():
    """``make serve`` turns the https redirect off; upgraded requests would find no TLS there."""
    assert production_upgrade(SECURE_SSL_REDIRECT="False") == ["None", "None"]


@pytest.mark.parametrize("module", ["base", "test"])
def test_other_settings_do_not_upgrade_requests(module):
    """On a laptop the site runs over plain http, where the upgrade would break it."""
    from importlib import import_module

    settings_module = import_module(f"twinsite.settings.{module}")
    assert "upgrade-insecure-requests" not in settings_module.CONTENT_SECURITY_POLICY["DIRECTIVES"]
