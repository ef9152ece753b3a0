"""Page types written separately in each language, which are not translated.

Some pages are written by each town for its own readers and under its own
rules: accessibility statements (each under its country's law), easy-read
pages (Leichte Sprache, FALC). Their model says so with the class attribute
``translated_separately = True`` and links each page to its other-language
counterpart (``language_counterpart()``). The status board does not count
them as missing a translation, and no route of wagtail-localize's creates
a translation of them.
"""


def is_translated_separately(page_or_model):
    """Whether this page type is written separately in each language."""
    model = page_or_model
    if not isinstance(model, type):  # a page, possibly not the specific one
        model = getattr(model, "specific_class", None) or type(model)
    return bool(getattr(model, "translated_separately", False))
