"""What a visitor does on the site, in German and French, for ``make load`` (bench/load.py).

At the start the URLs are found once, the way a crawler would: the pages from
``/sitemap.xml``; which of them are section indexes (they offer ``feed/``), with
the years and towns their filter form offers; which content pages have e-mail
renderings (``email/`` and ``email.txt`` answer 200). Discovery requests are
not counted. Each simulated visitor then picks, without pause:

=========  ======  ==========================================================
name       weight  request
=========  ======  ==========================================================
home       2       ``/de/``, ``/fr/``
section    3       a section index, one in three with a year or town filter
content    6       a content page (reports, workshops, exhibitions, exchanges)
search     2       ``/de/suche/?q=``, ``/fr/recherche/?q=``, sometimes one section
feed       2       the RSS feed of a home page or a section, or its ``calendar.ics``
email      2       ``<page>email/?format=teaser`` or ``<page>email.txt``
=========  ======  ==========================================================

Anything but a 200 counts as an error, and so does a page in the wrong
language (its ``<html lang>`` must match the URL's prefix).
"""

import html
import json
import os
import random
import re
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from locust import FastHttpUser, constant, events, task

LANGUAGES = ("de", "fr")
SEARCH_PATHS = {"de": "/de/suche/", "fr": "/fr/recherche/"}
SEARCH_WORDS = {
    "de": ["Naumburg", "Ausstellung", "Workshop", "Partnerschaft", "Jugend", '"Les Ulis"'],
    "fr": ["Naumburg", "exposition", "atelier", "jumelage", "jeunes", '"Les Ulis"'],
}
SEARCH_SECTIONS = ["report", "workshop", "exhibition", "exchange"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SELECT = re.compile(r'<select name="(year|town)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')


class Site:
    """The URLs found at the start, per language."""

    homes = {}
    sections = {}
    filters = {}
    feeds = {}
    content = {}
    emails = {}


def fetch(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def filter_queries(page_html):
    """Query strings for the filter form's choices: ``year=2025``, ``town=Les+Ulis``..."""
    queries = []
    for field, options in SELECT.findall(page_html):
        queries += [urlencode({field: html.unescape(value)}) for value in OPTION.findall(options)]
    return queries


def discover(base):
    status, sitemap = fetch(base, "/sitemap.xml")
    if status != 200:
        raise RuntimeError(f"/sitemap.xml answered {status}")
    paths = [
        urlsplit(loc.text).path for loc in ElementTree.fromstring(sitemap).iter(f"{SITEMAP}loc")
    ]
    for language in LANGUAGES:
        mine = [path for path in paths if path.startswith(f"/{language}/")]
        depth = {path: path.strip("/").count("/") for path in mine}
        Site.homes[language] = [path for path in mine if depth[path] == 0]
        Site.sections[language], Site.feeds[language] = [], [f"/{language}/feed/"]
        Site.content[language], Site.emails[language] = [], []
        for path in (path for path in mine if depth[path] == 1):
            if fetch(base, f"{path}feed/")[0] != 200:
                continue  # a standard page or a form, not a section
            Site.sections[language].append(path)
            Site.filters[path] = filter_queries(fetch(base, path)[1])
            Site.feeds[language].append(f"{path}feed/")
            if fetch(base, f"{path}calendar.ics")[0] == 200:
                Site.feeds[language].append(f"{path}calendar.ics")
        for path in (path for path in mine if depth[path] >= 2):
            parent = path.rsplit("/", 2)[0] + "/"
            if parent not in Site.sections[language]:
                continue  # e.g. a newsletter issue
            Site.content[language].append(path)
            if (
                fetch(base, f"{path}email/?format=teaser")[0] == 200
                and fetch(base, f"{path}email.txt")[0] == 200
            ):
                Site.emails[language].append(path)
    return {
        kind: {language: len(urls[language]) for language in LANGUAGES}
        for kind, urls in [
            ("home", Site.homes),
            ("section", Site.sections),
            ("content", Site.content),
            ("feed", Site.feeds),
            ("email", Site.emails),
        ]
    }


@events.test_start.add_listener
def find_the_urls(environment, **kwargs):
    found = discover(environment.host.rstrip("/"))
    print(f"URLs found (de, fr): {found}", flush=True)
    if not all(found[kind][language] for kind in found for language in LANGUAGES):
        print("Warning: some kinds of request have no URL in some language.", flush=True)


def summary(entry, stats):
    seconds = max((stats.last_request_timestamp or 0) - (stats.start_time or 0), 1e-9)
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "rps": entry.num_requests / seconds,
        "p50": entry.get_response_time_percentile(0.5),
        "p99": entry.get_response_time_percentile(0.99),
        "max": entry.max_response_time,
    }


@events.quitting.add_listener
def write_summary(environment, **kwargs):
    """Locust's own numbers once every visitor has stopped, for bench/load.py (LOAD_SUMMARY)."""
    path = os.environ.get("LOAD_SUMMARY")
    if not path:
        return
    stats = environment.stats
    result = {
        "seconds": (stats.last_request_timestamp or 0) - (stats.start_time or 0),
        "by_name": {
            name: summary(entry, stats) for (name, _method), entry in sorted(stats.entries.items())
        },
        "total": summary(stats.total, stats),
        "errors": [
            {"name": error.name, "error": str(error.error), "count": error.occurrences}
            for error in stats.errors.values()
        ],
    }
    with open(path, "w") as output:
        json.dump(result, output, indent=2)


class Visitor(FastHttpUser):
    # A fixed number of visitors (LOAD_USERS), each asking again as soon as answered.
    wait_time = constant(0)

    def page(self, path, name, language):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif f'<html lang="{language}"' not in (response.text or "")[:500]:
                response.failure(f"not in {language}")
            else:
                response.success()

    @task(2)
    def home(self):
        language = random.choice(LANGUAGES)
        self.page(random.choice(Site.homes[language]), "home", language)

    @task(3)
    def section(self):
        language = random.choice(LANGUAGES)
        path = random.choice(Site.sections[language])
        if Site.filters.get(path) and random.random() < 1 / 3:
            self.page(f"{path}?{random.choice(Site.filters[path])}", "section ?filter", language)
        else:
            self.page(path, "section", language)

    @task(6)
    def content(self):
        language = random.choice(LANGUAGES)
        self.page(random.choice(Site.content[language]), "content", language)

    @task(2)
    def search(self):
        language = random.choice(LANGUAGES)
        query = {"q": random.choice(SEARCH_WORDS[language])}
        if random.random() < 1 / 4:
            query["type"] = random.choice(SEARCH_SECTIONS)
        self.page(f"{SEARCH_PATHS[language]}?{urlencode(query)}", "search", language)

    @task(2)
    def feed(self):
        path = random.choice(Site.feeds[random.choice(LANGUAGES)])
        self.client.get(path, name="calendar.ics" if path.endswith(".ics") else "feed")

    @task(2)
    def email(self):
        pages = Site.emails[random.choice(LANGUAGES)]
        if not pages:
            return self.content()  # no e-mail renderings on this site (yet)
        if random.random() < 0.5:
            self.client.get(f"{random.choice(pages)}email/?format=teaser", name="email teaser")
        else:
            self.client.get(f"{random.choice(pages)}email.txt", name="email.txt")
