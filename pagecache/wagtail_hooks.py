from wagtail import hooks

from pagecache import generations


@hooks.register("before_serve_page")
def note_the_page_shown(page, request, serve_args, serve_kwargs):
    """A page view shows its page and names the pages above it: its cached answer goes with them.

    Read now, before the page renders, so that a change published during the
    render leaves the answer under the tokens it had before.
    """
    generations.take(request, generations.page_tags(page))
