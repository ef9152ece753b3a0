"""Templates load tag libraries downwards only, as Python modules import (pyproject.toml).

import-linter sees ``import`` statements, not ``{% load %}``: a template of a
lower app loading a higher app's tags would tie the two together unseen. This
reads the layers from the same contract ``lint-imports`` checks.
"""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def layers():
    """Each of our packages with the number of its row, 0 at the top."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = config["contracts"][0]
    assert contract["type"] == "layers"
    return {
        package.strip(): row
        for row, line in enumerate(contract["layers"])
        for package in line.split("|")
    }


LAYERS = layers()


def libraries():
    """Our tag libraries, by the name templates load them with, and the app they belong to."""
    return {
        module.stem: app
        for app in LAYERS
        for module in (ROOT / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }


def templates():
    for app in LAYERS:
        for path in sorted((ROOT / app / "templates").rglob("*")):
            if path.is_file():
                yield app, path


def may_load(app, owner):
    """An app's own libraries, or those of an app on a lower row."""
    return owner == app or LAYERS[owner] > LAYERS[app]


def test_every_app_of_ours_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(LAYERS), f"Not in the layers of pyproject.toml: {apps - set(LAYERS)}"


def test_templates_live_in_their_app():
    """One convention: no project-wide templates folder beside the apps."""
    assert not (ROOT / "templates").exists()


@pytest.mark.parametrize(
    ("app", "path"), list(templates()), ids=lambda value: str(value).replace(str(ROOT), "")
)
def test_templates_load_no_tag_library_of_a_higher_app(app, path):
    owners = libraries()
    loaded = {
        name
        for match in LOAD.finditer(path.read_text())
        for name in match[1].split()
        if name != "from"
    }
    wrong = sorted(name for name in loaded if name in owners and not may_load(app, owners[name]))
    assert not wrong, (
        f"{path.relative_to(ROOT)} ({app}) loads "
        + ", ".join(f"{name} of {owners[name]}" for name in wrong)
        + ", which sits above it or beside it: pass the value in through the context instead."
    )


def test_the_check_sees_a_wrong_way_load():
    """The check itself: a core template loading home's navigation tags is refused."""
    owners = libraries()
    assert owners["navigation_tags"] == "home"
    assert not may_load("core", "home")
    assert not may_load("emails", "pagecache"), "two leaf apps on one row"
    assert may_load("home", "core")
