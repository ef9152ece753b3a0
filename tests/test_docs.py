"""The README and docs/ stay short and current: links, anchors and file paths must exist.

Code moves between apps (see docs/architecture.md); when it does, a doc that
still names the old place fails here instead of going stale. No database, no
Django: these tests only read files.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_LIMIT = 10_000  # bytes; everything longer belongs in docs/

FILE_SUFFIXES = (".py", ".html", ".mjml", ".md", ".toml", ".txt", ".sh", ".json")

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[(?:[^\]\n]|\][^(\n])*?\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
# A line of the README's layout map: "name/   what it holds".
MAP_ENTRY = re.compile(r"^([\w.-]+/)\s{2,}\S", re.MULTILINE)


def relative(path):
    return path.relative_to(ROOT).as_posix()


def prose(text):
    """The text without fenced code blocks, where commands and sample output live."""
    return FENCE.sub("", text)


def slug(heading):
    """GitHub's anchor for a heading (github-slugger): lowercase, no punctuation, spaces to '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link counts as its words
    text = text.replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    """Every heading's anchor in a markdown page, with GitHub's -1, -2 ... for repeated headings."""
    seen = {}
    found = set()
    for _, heading in HEADING.findall(prose(path.read_text(encoding="utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path):
    """(target, line) for every link outside code in a markdown page."""
    text = prose(path.read_text(encoding="utf-8"))
    for number, line in enumerate(text.splitlines(), start=1):
        for target in LINK.findall(INLINE_CODE.sub("", line)):
            yield target, number


def is_external(target):
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE))


def layout_map():
    """The folders the README's layout map names: its fenced lines of the form 'name/  ...'."""
    text = README.read_text(encoding="utf-8")
    folders = []
    for block in FENCE.finditer(text):
        folders.extend(MAP_ENTRY.findall(block.group(0)))
    return folders


def top_level_folders():
    """Top-level folders a doc may name: those on disk and those the layout map names."""
    on_disk = {p.name for p in ROOT.iterdir() if p.is_dir()}
    return on_disk | {name.rstrip("/") for name in layout_map()}


def looks_like_path(token, folders):
    """Whether a backticked token names a file or folder of the repository.

    URLs, URL paths (`/de/...`), runtime files under `var/`, placeholders and
    globs (`*`, `<page url>`, `...`), and anything with a space (a command) are
    not repository paths.
    """
    if "/" not in token or re.search(r"\s", token):
        return False
    if "://" in token or is_external(token) or token.startswith(("/", "var/", "~")):
        return False
    if any(mark in token for mark in ("*", "<", ">", "{", "}", "…", "...", "?", "#", "=", "|")):
        return False
    if token.endswith(FILE_SUFFIXES):
        return True
    return token.split("/", 1)[0] in folders


def paths(path, folders):
    """(token, line) for every backticked repository path outside code blocks in a markdown page."""
    text = prose(path.read_text(encoding="utf-8"))
    for number, line in enumerate(text.splitlines(), start=1):
        for token in INLINE_CODE.findall(line):
            token = token.strip()
            if looks_like_path(token, folders):
                yield token, number


def test_readme_is_short():
    size = len(README.read_bytes())
    assert size <= README_LIMIT, (
        f"README.md is {size} bytes, over {README_LIMIT}: move the detail to a page in docs/"
    )


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_links_reach_files_and_headings(page):
    broken = []
    for target, line in links(page):
        if is_external(target):
            continue
        file_part, _, anchor = target.partition("#")
        destination = (page.parent / file_part).resolve() if file_part else page
        where = f"{relative(page)}:{line}: {target}"
        if not destination.exists():
            broken.append(f"{where} (no such file)")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            broken.append(f"{where} (no heading '#{anchor}' in {relative(destination)})")
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_named_paths_exist(page):
    folders = top_level_folders()
    missing = [
        f"{relative(page)}:{line}: {token}"
        for token, line in paths(page, folders)
        if not (ROOT / token).exists()
    ]
    assert not missing, "paths that do not exist in the repository:\n" + "\n".join(missing)


def test_layout_map_names_existing_folders():
    folders = layout_map()
    assert folders, "README.md has no layout map (a fenced block of 'folder/  what it holds' lines)"
    missing = [name for name in folders if not (ROOT / name).is_dir()]
    assert not missing, "README.md's layout map names missing folders: " + ", ".join(missing)


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Signing in: lockout and two-factor", "signing-in-lockout-and-two-factor"),
        ("Why `twinsite/` and not `site/`?", "why-twinsite-and-not-site"),
        ("Running on PostgreSQL", "running-on-postgresql"),
        ("Benchmarks, load and faults", "benchmarks-load-and-faults"),
        ("Édition — «deux» langues", "édition--deux-langues"),
    ],
)
def test_slug_follows_github(heading, anchor):
    assert slug(heading) == anchor


@pytest.mark.parametrize(
    ("token", "is_path"),
    [
        ("core/models/pages.py", True),
        ("tests/security/", True),
        ("bench/", True),
        ("docs/security.md", True),
        ("https://oembed.com", False),
        ("/de/kontakt/", False),
        ("var/backups/", False),
        ("<page url>email/", False),
        ("email/", False),
        ("multipart/alternative", False),
        ("tests/*/test_*.py", False),
        ("python manage.py backup", False),
    ],
)
def test_what_counts_as_a_path(token, is_path):
    assert looks_like_path(token, {"core", "tests", "bench", "docs"}) is is_path
