"""The plain-text twin of an e-mail, made from its HTML by inscriptis.

E-mail HTML is built from layout tables; read as data tables, they would
come out as padded columns. Here every table is read as a plain block, links
are written out after their text ("Title [https://…]") and links that only
wrap an image are dropped, since the text has no image to click.
"""

import lxml.html
from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement
from inscriptis.model.tag import CustomHtmlTagHandlerMapping

LAYOUT_TAGS = ("table", "tbody", "thead", "tr", "td", "th")


def _css():
    css = CSS_PROFILES["strict"].copy()
    for tag in LAYOUT_TAGS:
        css[tag] = HtmlElement(display=Display.block)
    # Each cell of the layout holds one element of the mail: keep them apart.
    css["td"] = HtmlElement(display=Display.block, margin_after=1)
    for tag in ("h1", "h2", "h3"):
        css[tag] = HtmlElement(display=Display.block, margin_before=1, margin_after=1)
    css["blockquote"] = HtmlElement(display=Display.block, margin_before=1, margin_after=1)
    return css


def _link_start(state, attrs):
    state.link_target = attrs.get("href", "")


def _shown(target):
    return target.removeprefix("mailto:").removeprefix("tel:")


def _link_end(state):
    target = state.link_target
    if target and not target.startswith("#"):
        state.tags[-1].write(f" [{_shown(target)}]")


def _block(state, attrs=None):
    """Layout tables add nothing to the text."""


CONFIG = ParserConfig(
    css=_css(),
    display_links=True,
    custom_html_tag_handler_mapping=CustomHtmlTagHandlerMapping(
        start_tag_mapping={
            "a": _link_start,
            "table": _block,
            "tr": _block,
            "td": _block,
            "th": _block,
        },
        end_tag_mapping={"a": _link_end, "table": _block, "td": _block, "th": _block},
    ),
)


def _simplify_links(tree):
    """Drop links around images only, and targets that repeat the link text."""
    for link in list(tree.iter("a")):
        text = link.text_content().strip()
        if not text:
            link.drop_tag()
        elif text == _shown(link.get("href", "")):
            link.attrib.pop("href")


def html_to_text(html):
    """Readable plain text: headings and paragraphs apart, lists bulleted, links written out."""
    if not html.strip():
        return ""
    tree = lxml.html.document_fromstring(html)
    for element in tree.xpath("//head|//style|//script"):
        element.drop_tree()
    _simplify_links(tree)
    text = Inscriptis(tree, CONFIG).get_text()
    lines = [line.rstrip() for line in text.splitlines()]
    # At most one empty line in a row.
    cleaned = []
    for line in lines:
        if line or (cleaned and cleaned[-1]):
            cleaned.append(line)
    return "\n".join(cleaned).strip() + "\n"
