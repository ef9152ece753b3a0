"""The project's accessibility checks, run on the site a statement belongs to.

``manage.py accessibility_gates`` runs axe-core (in Chromium, through
Playwright), the W3C Nu HTML checker (on Java) and Lighthouse (on Node) on one
live page of every page type, in every language, as served at a base URL;
the tools come from the gates' npm packages (``node_modules``, ``make
install-dev``) and the machine's Chromium, Java and Node (``make
system-deps``), as the test suite's gates use them (tests/gates/).

The result is a plain-text report (date, tools and versions, pages,
findings), which the command writes into a new draft revision of each
statement. It never sets the conformity status and never publishes: an audit
sets the status, and an editor reviews the draft and publishes it.
"""

import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, get_page_models

ROOT = Path(settings.BASE_DIR)
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE_SCRIPT = ROOT / "tests" / "gates" / "lighthouse.mjs"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As tests/browser/chromium.py starts it: no sandbox or GPU in a container, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOOLS = ("axe", "nu", "lighthouse")
FAILING_IMPACTS = {"serious", "critical"}


class ToolMissing(Exception):
    """A program or package the checks need is not installed; the message says which."""


@dataclass
class CheckedPage:
    model: str
    language: str
    path: str


@dataclass
class Findings:
    tool: str
    version: str
    # One line per finding: "path: rule [impact] description".
    lines: list = field(default_factory=list)
    # Pages whose check found nothing to report (for Lighthouse: full marks).
    clean: int = 0


def pages_to_check(languages=None, page_types=None):
    """One live, public page of every page type in each language, the first in the tree."""
    locales = Locale.objects.all()
    if languages:
        locales = locales.filter(language_code__in=languages)
    pages = []
    for locale in locales.order_by("language_code"):
        for model in get_page_models():
            if model is Page or (page_types and model._meta.label_lower not in page_types):
                continue
            page = model.objects.live().public().filter(locale=locale).order_by("path").first()
            if page is not None and page.url:
                pages.append(CheckedPage(model._meta.label, locale.language_code, page.url))
    return pages


def node_package(relative):
    path = NODE_MODULES / relative
    if not path.exists():
        raise ToolMissing(f"node_modules/{relative} not found: run `make install-dev` (npm ci)")
    return path


def program(name):
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"`{name}` not found: run `sudo scripts/system-deps.sh`")
    return found


def package_version(name):
    return json.loads(node_package(f"{name}/package.json").read_text())["version"]


def run_axe(base_url, pages):
    """axe-core in Chromium on each page, styles and scripts applied, at a laptop's width."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # a dev requirement (requirements-dev.txt)
        raise ToolMissing("Playwright is not installed: run `make install-dev`") from error
    if not os.access(CHROMIUM, os.X_OK):
        raise ToolMissing(f"Chromium not found at {CHROMIUM}: run `sudo scripts/system-deps.sh`")
    script = node_package("axe-core/axe.min.js")
    findings = Findings("axe-core", package_version("axe-core"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        findings.version += f", Chromium {browser.version}"
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(path=str(script))
        tab = context.new_page()
        for page in pages:
            tab.goto(urljoin(base_url, page.path), wait_until="load")
            result = tab.evaluate(
                "() => axe.run(document, {resultTypes: ['violations'], runOnly: "
                "{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
                "'wcag22aa', 'best-practice']}})"
            )
            violations = result["violations"]
            if not violations:
                findings.clean += 1
            for violation in violations:
                findings.lines.append(
                    f"{page.path}: {violation['id']} [{violation['impact']}] "
                    f"{violation['help']} ({len(violation['nodes'])}×)"
                )
        context.close()
        browser.close()
    return findings


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our own site)
        return response.read().decode("utf-8")


def run_nu(base_url, pages):
    """The W3C Nu HTML checker on the HTML each page answers, in one run of Java."""
    java = program("java")
    jar = node_package("vnu-jar/build/dist/vnu.jar")
    version = subprocess.run(
        [java, "-jar", str(jar), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    findings = Findings("Nu HTML checker (vnu.jar)", version)
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, page in enumerate(pages):
            path = Path(folder) / f"{number}.html"
            path.write_text(fetch(urljoin(base_url, page.path)), encoding="utf-8")
            files[str(path)] = page
        run = subprocess.run(
            [java, "-jar", str(jar), "--format", "json", "--errors-only", *files],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    report = json.loads(run.stderr or '{"messages": []}')
    with_errors = set()
    for message in report["messages"]:
        page = files.get(message.get("url", "").removeprefix("file:"))
        where = page.path if page else message.get("url", "")
        with_errors.add(where)
        findings.lines.append(f"{where}: line {message.get('lastLine')}: {message['message']}")
    findings.clean = len(pages) - len(with_errors)
    return findings


def run_lighthouse(base_url, pages):
    """Lighthouse's accessibility, best-practice and SEO audits, the suite's script and preset."""
    node = program("node")
    node_package("lighthouse/package.json")
    if not LIGHTHOUSE_SCRIPT.exists():
        raise ToolMissing(f"{LIGHTHOUSE_SCRIPT} not found: run from a checkout of twinsite")
    urls = {urljoin(base_url, page.path): page for page in pages}
    run = subprocess.run(
        [node, str(LIGHTHOUSE_SCRIPT), *urls],
        capture_output=True,
        text=True,
        timeout=60 * len(urls) + 120,
        check=False,
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_FLAGS": " ".join(CHROMIUM_ARGS)},
    )
    if run.returncode != 0:
        raise ToolMissing(f"Lighthouse failed: {run.stderr[-1000:]}")
    findings = Findings("Lighthouse", f"{package_version('lighthouse')}, desktop preset")
    for url, categories in json.loads(run.stdout).items():
        page = urls[url]
        scores = ", ".join(
            f"{name} {round(result['score'] * 100)}" for name, result in categories.items()
        )
        failing = [audit["id"] for result in categories.values() for audit in result["failing"]]
        if failing:
            findings.lines.append(f"{page.path}: {scores}; {', '.join(failing)}")
        else:
            findings.clean += 1
            findings.lines.append(f"{page.path}: {scores}")
    return findings


RUNNERS = {"axe": run_axe, "nu": run_nu, "lighthouse": run_lighthouse}


def run_checks(base_url, pages, tools=TOOLS):
    return [RUNNERS[tool](base_url, pages) for tool in tools]


def report(results, pages, base_url, language, when=None):
    """The plain-text report for a statement in ``language``; its headings are in that language."""
    when = when or timezone.now()
    with translation.override(language):
        lines = [
            _("Automatic checks of %(date)s on %(site)s")
            % {"date": timezone.localtime(when).strftime("%Y-%m-%d %H:%M %Z"), "site": base_url},
            _(
                "These checks test what tools can find; they do not replace an audit and do "
                "not set the conformity status."
            ),
            "",
            _("Pages checked (%(count)s, one of each page type in each language):")
            % {"count": len(pages)},
            *(f"- {page.path} ({page.model}, {page.language})" for page in pages),
        ]
        for findings in results:
            lines += [
                "",
                f"{findings.tool} {findings.version}",
                _("%(clean)s of %(count)s pages without findings.")
                % {"clean": findings.clean, "count": len(pages)},
                *(f"- {line}" for line in findings.lines),
            ]
    return "\n".join(lines)


def write_drafts(results, pages, base_url, statements, user=None):
    """A new draft revision of each statement with the report; nothing is published."""
    revisions = []
    for statement in statements:
        draft = statement.get_latest_revision_as_object()
        draft.automatic_checks = report(results, pages, base_url, statement.locale.language_code)
        revisions.append(draft.save_revision(user=user, log_action=True, clean=False))
    return revisions
