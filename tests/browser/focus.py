"""Where the keyboard focus is, and whether a sighted keyboard user sees it.

Shared by the keyboard journeys (tests/browser/test_keyboard_journey.py) and
the WCAG 2.2 gates (tests/gates/test_wcag22.py). The focused element must
show an indicator (an outline or a box-shadow of some width, WCAG 2.4.7),
lie at least partly inside the viewport, and no sticky or fixed element may
cover any part of it (2.4.11, and even 2.4.12).
"""

# Runs in the page; returns null when nothing but the document has the focus.
FOCUS_STATE = """
() => {
    const describe = (node) => {
        const name = (node.getAttribute("aria-label") || node.textContent || node.value || "")
            .replace(/\\s+/g, " ").trim().slice(0, 60);
        const id = node.id ? `#${node.id}` : "";
        const classes = node.classList.length ? `.${[...node.classList].join(".")}` : "";
        return `<${node.tagName.toLowerCase()}${id}${classes}> "${name}"`;
    };
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
        return null;
    }
    // Sticky and fixed elements do not change while a page is open: found once per document.
    if (!window.__twinsiteStuck) {
        window.__twinsiteStuck = [...document.querySelectorAll("body *")].filter((node) =>
            ["sticky", "fixed"].includes(getComputedStyle(node).position));
    }
    const rect = element.getBoundingClientRect();
    const covering = [];
    for (const other of window.__twinsiteStuck) {
        if (other.contains(element) || element.contains(other)) continue;
        const box = other.getBoundingClientRect();
        const width = Math.min(rect.right, box.right) - Math.max(rect.left, box.left);
        const height = Math.min(rect.bottom, box.bottom) - Math.max(rect.top, box.top);
        if (width > 0.5 && height > 0.5) covering.push(describe(other));
    }
    const style = getComputedStyle(element);
    const outline = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) || 0;
    const lengths = style.boxShadow === "none" ? [] : style.boxShadow.match(/-?[\\d.]+px/g) || [];
    const shadow = Math.max(0, ...lengths.map((length) => Math.abs(parseFloat(length))));
    return {
        element: describe(element),
        tag: element.tagName.toLowerCase(),
        id: element.id,
        href: element.getAttribute("href"),
        outline,
        shadow,
        inViewport: rect.bottom > 0 && rect.right > 0
            && rect.top < innerHeight && rect.left < innerWidth,
        covering,
    };
}
"""


def focus_state(page):
    """The focused element's description and how it shows, or None for the document itself."""
    return page.evaluate(FOCUS_STATE)


def focus_problems(state, *, indicator=True):
    """What keeps a sighted keyboard user from seeing the focus; empty when all is well."""
    if state is None:
        return ["the focus is on the document, not on an element"]
    problems = []
    if indicator and not (state["outline"] > 0 or state["shadow"] > 0):
        problems.append("shows no focus indicator (no outline, no box-shadow)")
    if not state["inViewport"]:
        problems.append("lies outside the viewport")
    if state["covering"]:
        problems.append(f"is covered by {', '.join(state['covering'])}")
    return problems


def assert_focus_visible(page, where, *, indicator=True):
    """The focus is on an element a sighted keyboard user sees; gives its state."""
    state = focus_state(page)
    problems = focus_problems(state, indicator=indicator)
    assert not problems, f"{where}: the focused element {state and state['element']} " + "; ".join(
        problems
    )
    return state
