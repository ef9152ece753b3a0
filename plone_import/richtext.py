"""Plone's HTML as body blocks: headings, text with lists and links, and images.

What Wagtail's rich text cannot hold (tables, inline styles, unknown tags) is
kept as text where it has text, and reported for the item. ``resolveuid/<UID>``
links and images point to what the import made of that item.
"""

import re
import uuid
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import escape
from django.utils.translation import gettext as _

RESOLVEUID = re.compile(r"(?:^|/)resolveuid/([0-9A-Za-z_-]+)")
RESOLVEUID_ANYWHERE = re.compile(r"resolveuid/([0-9A-Za-z_-]+)")
SCHEMES = ("http://", "https://", "mailto:", "tel:")
INLINE = {"strong": "b", "b": "b", "em": "i", "i": "i"}
UNWRAP_QUIETLY = {"span", "font", "small", "abbr", "cite", "time"}
DROPPED = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "noscript"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "figure", "body", "html"}


@dataclass
class Converted:
    blocks: list = field(default_factory=list)
    unsupported: list = field(default_factory=list)
    dangling: list = field(default_factory=list)
    pending: list = field(default_factory=list)

    def note(self, message):
        if message not in self.unsupported:
            self.unsupported.append(message)


class _Converter:
    def __init__(self, resolve, uid_for_url, seed):
        self.resolve = resolve
        self.uid_for_url = uid_for_url or (lambda url: None)
        self.seed = seed
        self.result = Converted()
        self.text = []  # rich text pieces waiting to become one paragraph block

    # blocks

    def _id(self):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.seed}#{len(self.result.blocks)}"))

    def _add(self, kind, value):
        self.result.blocks.append({"type": kind, "value": value, "id": self._id()})

    def flush(self):
        if self.text:
            self._add("paragraph", "".join(self.text))
            self.text = []

    def heading(self, tag):
        text = " ".join(tag.get_text(" ").split())
        if not text:
            return
        level = "h2" if tag.name in ("h1", "h2") else "h3"
        if tag.name in ("h4", "h5", "h6"):
            self.result.note(_("<%(tag)s> became a sub-heading") % {"tag": tag.name})
        self.flush()
        self._add("heading", {"text": text[:120], "level": level})

    def image(self, tag):
        src = tag.get("src", "")
        alt = tag.get("alt", "")
        match = RESOLVEUID.search(src)
        uid = match.group(1) if match else self.uid_for_url(src.split("/@@images")[0])
        if uid is None:
            self.result.note(
                _("an image from outside the site was left out: %(src)s") % {"src": src}
            )
            return
        target = self.resolve(uid)
        if target is None or target[0] != "image":
            (self.result.pending if target == "pending" else self.result.dangling).append(uid)
            return
        self.flush()
        self._add(
            "image",
            {
                "image": {"image": target[1], "decorative": not alt, "alt_text": alt},
                "caption": "",
                "credit": "",
            },
        )

    # inline

    def link(self, tag, inner):
        href = (tag.get("href") or "").strip()
        match = RESOLVEUID.search(href)
        uid = match.group(1) if match else None
        if uid is None and href and not href.startswith(SCHEMES[2:]):
            uid = self.uid_for_url(href.split("#")[0].split("?")[0])
        if uid is not None:
            target = self.resolve(uid)
            if target == "pending":
                self.result.pending.append(uid)
                return inner
            if target is None:
                self.result.dangling.append(uid)
                return inner
            kind, value = target
            if kind in ("page", "document"):
                return f'<a linktype="{kind}" id="{value}">{inner}</a>'
            return f'<a href="{escape(value)}">{inner}</a>'
        if href.startswith(SCHEMES):
            return f'<a href="{escape(href)}">{inner}</a>'
        if href:
            self.result.note(_("a link to %(href)s was left out") % {"href": href})
        return inner

    def inline(self, node):
        if isinstance(node, NavigableString):
            return escape(str(node))
        if not isinstance(node, Tag):
            return ""
        if node.get("style"):
            self.result.note(_("inline styles (style=…) were left out"))
        name = node.name
        if name in DROPPED:
            self.result.note(_("<%(tag)s> was left out") % {"tag": name})
            return ""
        if name == "img":
            self.pending_images.append(node)
            return ""
        if name == "br":
            return "<br/>"
        inner = "".join(self.inline(child) for child in node.children)
        if name in INLINE:
            return f"<{INLINE[name]}>{inner}</{INLINE[name]}>" if inner.strip() else inner
        if name == "a":
            return self.link(node, inner)
        if name in ("ul", "ol"):
            return self.list_html(node)
        if name not in UNWRAP_QUIETLY:
            self.result.note(_("<%(tag)s> was kept as plain text") % {"tag": name})
        return inner

    def list_html(self, tag):
        items = []
        for child in tag.children:
            if isinstance(child, Tag) and child.name == "li":
                items.append(
                    "<li>" + "".join(self.inline(c) for c in child.children).strip() + "</li>"
                )
            elif isinstance(child, Tag) or str(child).strip():
                items.append("<li>" + self.inline(child).strip() + "</li>")
        return f"<{tag.name}>{''.join(items)}</{tag.name}>" if items else ""

    # blocks of text

    def text_block(self, html, wrap="p"):
        if re.sub(r"<[^>]+>", "", html).strip():
            self.text.append(f"<{wrap}>{html.strip()}</{wrap}>" if wrap else html)

    def with_images(self, tag, render):
        self.pending_images = []
        html = render(tag)
        images, self.pending_images = self.pending_images, []
        return html, images

    def block(self, node):
        if isinstance(node, NavigableString):
            if str(node).strip():
                self.text_block(escape(str(node)))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if node.get("style"):
            self.result.note(_("inline styles (style=…) were left out"))
        if name in DROPPED:
            self.result.note(_("<%(tag)s> was left out") % {"tag": name})
        elif re.fullmatch(r"h[1-6]", name):
            self.heading(node)
        elif name == "img":
            self.image(node)
        elif name in CONTAINERS:
            for child in node.children:
                self.block(child)
        elif name == "table":
            self.result.note(_("a table became a list: rich text cannot hold tables"))
            rows = []
            for row in node.find_all("tr"):
                cells = [
                    " ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])
                ]
                cells = [cell for cell in cells if cell]
                if cells:
                    rows.append("<li>" + escape(" – ".join(cells)) + "</li>")
            if rows:
                self.text.append("<ul>" + "".join(rows) + "</ul>")
        elif name == "hr":
            self.result.note(_("<hr> was left out"))
        else:
            if name in ("ul", "ol"):
                html, images = self.with_images(node, self.list_html)
                self.text_block(html, wrap="")
            else:
                if name not in ("p", "blockquote", "pre", "address"):
                    self.result.note(_("<%(tag)s> was kept as plain text") % {"tag": name})
                elif name != "p":
                    self.result.note(_("<%(tag)s> became a paragraph") % {"tag": name})
                html, images = self.with_images(
                    node, lambda tag: "".join(self.inline(child) for child in tag.children)
                )
                self.text_block(html)
            for image in images:
                self.image(image)


def convert(html, *, resolve, uid_for_url=None, seed=""):
    """Convert Plone HTML to raw body StreamField data.

    ``resolve(uid)`` answers ``("page", id)``, ``("document", id)``,
    ``("image", id)``, ``("url", url)``, ``"pending"`` (exported, not imported
    yet) or None (not in the export). ``seed`` makes the block ids stable.
    """
    converter = _Converter(resolve, uid_for_url, seed)
    converter.pending_images = []
    soup = BeautifulSoup(html or "", "html.parser")
    for node in list(soup.children):
        converter.block(node)
    converter.flush()
    return converter.result
