"""What an editor does in Wagtail's page editor, as browser steps."""

from contextlib import contextmanager

from playwright.sync_api import expect

# Resolves to true once an autosave succeeded and no other started within 1.2 s
# (Wagtail waits 0.5 s after a change, its rich text editor 0.25 s more), or to
# false if no autosave started within 3 s of the changes. Wrapped in an object,
# or Playwright would wait for the promise at once.
SETTLED = """() => ({settled: new Promise(resolve => {
    let timer = null;
    document.addEventListener("w-autosave:success", () => {
        clearTimeout(timer);
        timer = setTimeout(() => resolve(true), 1200);
    });
    document.addEventListener("w-autosave:save", () => clearTimeout(timer));
    document.addEventListener("twinsite:changes-made", () => {
        if (timer === null) timer = setTimeout(() => resolve(false), 3000);
    });
})})"""
# Playwright's evaluate has no timeout of its own: a journey must fail, not hang.
WAIT = """([waiting, ms]) => Promise.race([
    waiting.settled,
    new Promise((_, reject) => setTimeout(() => reject(new Error("autosave never settled")), ms)),
])"""


@contextmanager
def autosaved(page, timeout_ms=20_000):
    """Wait until Wagtail has autosaved the changes made inside, as its header shows.

    Wagtail 8 saves a draft half a second after each change. Publishing while
    that save is on its way sends a form based on the revision before it, which
    the site's edit-conflict check (``safeguards.edit_conflicts``) rightly holds back;
    an editor sees "Saved" in the header first. A save that ends while the
    changes are still being made is followed by another, hence the quiet
    second after the last one. Where Wagtail does not autosave (a new page
    Wagtail has not saved yet may not be), there is nothing to wait for.
    """
    settled = page.evaluate_handle(SETTLED)
    yield
    page.evaluate("() => document.dispatchEvent(new Event('twinsite:changes-made'))")
    if page.evaluate(WAIT, [settled, timeout_ms]):
        expect(page.locator("#w-autosave-indicator")).to_have_attribute(
            "data-w-autosave-state-value", "saved"
        )


def publish(page, more_actions, publish_label):
    """Open the footer's action menu and publish."""
    page.get_by_role("button", name=more_actions).click()
    page.get_by_role("button", name=publish_label, exact=True).click()
