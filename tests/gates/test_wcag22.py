"""WCAG 2.2 AA beyond 2.1, where axe cannot judge: on every kind of page, in both languages.

axe's target-size rule runs in test_axe.py; these measure and try what it
does not:

- 2.5.8 Target Size (Minimum): every link, button and field is at least
  24 by 24 CSS pixels, or has the spacing the criterion allows; links inside
  a sentence are exempt. Measured at a laptop's width and a phone's.
- 2.4.11 Focus Not Obscured: tabbing forwards and backwards through the whole
  page, each focused element is in view and nothing sticky or fixed covers it.
- 2.5.7 Dragging Movements: no page listens for dragging or has a draggable
  element, so nothing needs a drag.
- 3.2.6 Consistent Help: the contact page and the contact address sit in the
  same place of the header and footer on every page.
- 3.3.7 Redundant Entry and 1.3.5 Identify Input Purpose: no form asks twice
  for the same thing, the fields about the visitor carry autocomplete tokens,
  and a form sent back with errors keeps what the visitor typed.
- 3.3.8 Accessible Authentication: the sign-in lets password managers fill
  it and allows paste, with no puzzle; the forms' honeypot is invisible, out
  of the tab order and asks nothing of a person.
"""

import re
from collections import Counter
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from tests.browser.focus import focus_problems, focus_state
from tests.gates.conftest import visit
from tests.gates.pages import CASES, LANGUAGES, case_id, honeypot_fields, render

pytestmark = pytest.mark.django_db

VIEWPORTS = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
MINIMUM = 24  # CSS pixels, WCAG 2.5.8
# How often Tab is pressed at most on one page; no demo page has this many controls.
TAB_LIMIT = 400

# Records which events the page's scripts listen for, before they run.
LISTENER_RECORDER = """
window.__twinsiteListeners = [];
const original = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
    window.__twinsiteListeners.push(type);
    return original.call(this, type, ...rest);
};
"""
DRAG_EVENTS = {
    "drag",
    "dragstart",
    "dragend",
    "dragover",
    "drop",
    "pointermove",
    "mousemove",
    "touchmove",
}

# Every target on the page with its box, and whether it sits inside a sentence.
TARGETS = """
() => {
    const SELECTOR = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
        + '[role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    const all = [...document.querySelectorAll(SELECTOR)];
    const shown = (node) => {
        if (node.closest('[aria-hidden="true"], [hidden], .visually-hidden')) return false;
        const style = getComputedStyle(node);
        if (style.visibility === "hidden" || style.display === "none") return false;
        const box = node.getBoundingClientRect();
        // Off the page (the skip link until it has the focus) is not a target yet.
        return box.width > 0 && box.height > 0
            && box.bottom + scrollY > 0 && box.right + scrollX > 0;
    };
    const blockOf = (node) => {
        let block = node.parentElement;
        while (block && getComputedStyle(block).display.startsWith("inline")) {
            block = block.parentElement;
        }
        return block;
    };
    // WCAG's inline exception: a link in a sentence or block of text, its size set by the text.
    const inSentence = (node) => {
        if (node.tagName !== "A" || getComputedStyle(node).display !== "inline") return false;
        const block = blockOf(node);
        if (!block) return false;
        let text = block.textContent;
        for (const target of block.querySelectorAll(SELECTOR)) {
            text = text.replace(target.textContent, "");
        }
        return text.replace(/[\\s\\u00a0›·|,–-]+/g, "").length > 0;
    };
    const describe = (node) => {
        const name = (node.getAttribute("aria-label") || node.textContent || node.name || "")
            .replace(/\\s+/g, " ").trim().slice(0, 50);
        const id = node.id ? `#${node.id}` : "";
        return `<${node.tagName.toLowerCase()}${id}> "${name}"`;
    };
    return all.filter(shown).map((node, index) => {
        const box = node.getBoundingClientRect();
        return {
            index,
            element: describe(node),
            left: box.left + scrollX, top: box.top + scrollY, width: box.width, height: box.height,
            inline: inSentence(node),
            nested: all.some((other) => other !== node && other.contains(node)),
        };
    });
}
"""


def distance_to_box(x, y, box):
    dx = max(box["left"] - x, 0, x - (box["left"] + box["width"]))
    dy = max(box["top"] - y, 0, y - (box["top"] + box["height"]))
    return (dx * dx + dy * dy) ** 0.5


def centre(box):
    return box["left"] + box["width"] / 2, box["top"] + box["height"] / 2


def too_small(targets):
    """The targets under 24 by 24 pixels whose 24-pixel circle meets another target or circle."""
    undersized = [
        t
        for t in targets
        if not t["inline"]
        and not t["nested"]
        and (t["width"] < MINIMUM - 0.05 or t["height"] < MINIMUM - 0.05)
    ]
    failures = []
    for target in undersized:
        x, y = centre(target)
        for other in targets:
            if other is target:
                continue
            if other in undersized:
                ox, oy = centre(other)
                clash = ((x - ox) ** 2 + (y - oy) ** 2) ** 0.5 < MINIMUM
            else:
                clash = distance_to_box(x, y, other) < MINIMUM / 2
            if clash:
                failures.append(
                    f"{target['element']} is {target['width']:.0f}×{target['height']:.0f} px "
                    f"and too close to {other['element']}"
                )
                break
    return failures


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def tab(request, browser, site_url):
    context = browser.new_context(base_url=site_url, viewport=VIEWPORTS[request.param])
    context.add_init_script(LISTENER_RECORDER)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_targets_are_big_enough_or_spaced_and_nothing_needs_dragging(
    gate_pages, tab, site_url, case
):
    gate = gate_pages[case]
    visit(tab, site_url, gate)
    targets = tab.evaluate(TARGETS)
    assert targets, f"{gate.label} has no links or buttons to measure"
    failures = too_small(targets)
    assert not failures, f"2.5.8 on {gate.label}:\n" + "\n".join(failures)

    listened = set(tab.evaluate("() => window.__twinsiteListeners")) & DRAG_EVENTS
    draggable = tab.evaluate("() => document.querySelectorAll('[draggable=\"true\"]').length")
    assert not listened and not draggable, (
        f"2.5.7 on {gate.label}: listens for {sorted(listened)}, {draggable} draggable elements"
    )


def tab_through(tab, key):
    """Press ``key`` until the focus comes round again; yields each focused element's state."""
    seen = set()
    for _ in range(TAB_LIMIT):
        tab.keyboard.press(key)
        state = focus_state(tab)
        if state is None:
            return
        marker = tab.evaluate(
            "() => { const e = document.activeElement;"
            " e.dataset.twinsiteTab ??= String(Math.random()); return e.dataset.twinsiteTab; }"
        )
        if marker in seen:
            return
        seen.add(marker)
        yield state
    pytest.fail(f"pressed {key} {TAB_LIMIT} times and the focus never came round")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_focus_is_never_hidden(gate_pages, tab, site_url, case):
    gate = gate_pages[case]
    visit(tab, site_url, gate)
    problems, steps = [], 0
    for key in ("Tab", "Shift+Tab"):
        for state in tab_through(tab, key):
            steps += 1
            problems += [f"{key}: {state['element']} {p}" for p in focus_problems(state)]
    assert steps > 1, f"{gate.label}: the keyboard reached nothing"
    assert not problems, f"2.4.11 on {gate.label}:\n" + "\n".join(problems)


def help_places(html, contact_path):
    """Where a visitor finds help: the header's links up to the contact page, and the footer's."""
    soup = BeautifulSoup(html, "html.parser")
    header, footer = soup.select_one("header.site-header"), soup.select_one("footer.site-footer")
    assert header is not None and footer is not None
    links = [a["href"] for a in header.select("nav.main-menu a[href], a.site-name")]
    assert contact_path in links, "the header does not link to the contact page"
    return (
        tuple(links[: links.index(contact_path) + 1]),
        tuple(a["href"] for a in footer.select("a[href^='mailto:']")),
        tuple(h.get_text(strip=True) for h in footer.select("h2")),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_is_in_the_same_place_on_every_page(gate_pages, language):
    contact = gate_pages[("contact-form", language)].path
    places = {
        kind: help_places(gate.html, contact)
        for (kind, lang), gate in gate_pages.items()
        if lang == language
    }
    (usual, _count), *others = Counter(places.values()).most_common()
    different = {kind: place for kind, place in places.items() if place != usual}
    assert not others and not different, f"3.2.6 in {language}: {usual} but {different}"
    header_links, footer_mail, _headings = usual
    assert header_links[-1] == contact and footer_mail, usual


def form_fields(html):
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("main form.public-form")
    assert form is not None
    return [
        field
        for field in form.select("input, textarea, select")
        if field.get("type") not in ("hidden", "submit", "checkbox", "radio")
        and field.get("tabindex") != "-1"
    ]


# The forms on the site and, per field type, the token it must carry.
FORM_KINDS = ["contact-form", "association-form", "subscribe-page", "event-registration"]
TOKENS = {"email": "email", "url": "url"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", FORM_KINDS)
def test_forms_ask_once_and_name_what_they_ask(gate_pages, kind, language):
    fields = form_fields(gate_pages[(kind, language)].html)
    assert fields, f"{kind} ({language}) has no fields"
    emails = [field for field in fields if field.get("type") == "email"]
    assert len(emails) == 1, f"{kind} ({language}) asks for an e-mail address {len(emails)} times"
    for field in fields:
        wanted = TOKENS.get(field.get("type"))
        if wanted:
            assert field.get("autocomplete") == wanted, f"{kind}: {field}"
    tokens = [field.get("autocomplete") for field in fields if field.get("autocomplete")]
    assert len(tokens) == len(set(tokens)), f"{kind} ({language}) asks twice: {tokens}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_registration_form_names_every_field_about_the_visitor(gate_pages, language):
    fields = {
        field["name"]: field.get("autocomplete")
        for field in form_fields(gate_pages[("event-registration", language)].html)
    }
    assert fields["name"] == "name"
    assert fields["email"] == "email"
    assert fields["organisation"] == "organization"
    assert fields["town"] == "address-level2"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_with_errors_keeps_what_was_typed(gate_pages, language):
    """Sent without a message, the contact form comes back with the name and address filled in."""
    gate = gate_pages[("contact-form", language)]
    fields = form_fields(gate.html)
    email = next(field["name"] for field in fields if field.get("type") == "email")
    name = next(field["name"] for field in fields if field.get("type") == "text")
    answers = honeypot_fields() | {name: "Marie Dupont", email: "marie@example.org"}
    html = render(replace(gate, post=answers, shows='id="form-errors"')).html
    kept = {field["name"]: field.get("value") for field in form_fields(html)}
    assert kept[name] == "Marie Dupont" and kept[email] == "marie@example.org"


@pytest.fixture
def login_tab(browser, site_url):
    context = browser.new_context(base_url=site_url, viewport=VIEWPORTS["laptop"])
    yield context.new_page()
    context.close()


def test_sign_in_lets_password_managers_fill_it_and_allows_paste(login_tab):
    login_tab.goto("/admin/login/")
    username = login_tab.locator("input[name=username]")
    password = login_tab.locator("input[name=password]")
    assert username.get_attribute("autocomplete") == "username"
    assert password.get_attribute("autocomplete") == "current-password"
    assert password.get_attribute("type") == "password"
    # Nothing on the form cancels a paste (onpaste handlers, or a script's listener).
    for field in (username, password):
        pasted = field.evaluate(
            """(field) => {
                const data = new DataTransfer();
                data.setData("text/plain", "twinsite");
                return field.dispatchEvent(new ClipboardEvent("paste",
                    {clipboardData: data, bubbles: true, cancelable: true}));
            }"""
        )
        assert pasted, f"{field} cancels paste"
    # Only the credentials and the "remember me" box: no puzzle, no image, no question to answer.
    asked = login_tab.locator("form.login-form").evaluate(
        """(form) => [...form.elements].filter((e) => e.type !== "hidden" && e.tagName !== "BUTTON")
            .map((e) => e.name)"""
    )
    assert set(asked) <= {"username", "password", "remember"}, asked
    assert login_tab.locator("form.login-form iframe, form.login-form canvas").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", FORM_KINDS)
def test_the_honeypot_is_invisible_and_asks_nothing(gate_pages, tab, site_url, kind, language):
    gate = gate_pages[(kind, language)]
    visit(tab, site_url, gate)
    trap = tab.locator("input[data-whf_name]")
    assert trap.count() == 1, f"{kind} ({language}) has no honeypot"
    assert trap.get_attribute("tabindex") == "-1"
    assert trap.get_attribute("aria-hidden") == "true"
    assert trap.get_attribute("autocomplete") == "off"
    box = trap.bounding_box()
    page_width = tab.evaluate("() => document.documentElement.scrollWidth")
    assert box["x"] + box["width"] <= 0 or box["x"] >= page_width, box
    # Not in the accessibility tree: a screen reader does not ask about it either.
    snapshot = tab.locator("main form.public-form").aria_snapshot()
    assert not re.search(r"whf|textbox \"\"", snapshot), snapshot
