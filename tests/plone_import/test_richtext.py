"""Plone HTML to body blocks, without a database."""

from django.utils import translation

from plone_import.richtext import convert

TARGETS = {
    "page1": ("page", 11),
    "doc1": ("document", 12),
    "img1": ("image", 13),
    "later": "pending",
}


def run(html):
    with translation.override("en"):
        return convert(html, resolve=TARGETS.get, seed="test")


def test_headings_lists_and_formatting():
    result = run(
        "<h1>Top</h1><h2>Two</h2><h4>Four</h4>"
        "<p>A <strong>bold</strong> and <em>soft</em> word.</p><ol><li>one</li><li>two</li></ol>"
    )
    assert [(b["type"], b["value"]) for b in result.blocks] == [
        ("heading", {"text": "Top", "level": "h2"}),
        ("heading", {"text": "Two", "level": "h2"}),
        ("heading", {"text": "Four", "level": "h3"}),
        (
            "paragraph",
            "<p>A <b>bold</b> and <i>soft</i> word.</p><ol><li>one</li><li>two</li></ol>",
        ),
    ]
    assert result.unsupported == ["<h4> became a sub-heading"]


def test_resolveuid_links_and_images():
    result = run(
        '<p>See <a href="resolveuid/page1">this</a>, '
        '<a href="../resolveuid/doc1/@@download">that</a>'
        ' and <a href="resolveuid/gone">gone</a> and <a href="resolveuid/later">later</a>.</p>'
        '<p><img src="resolveuid/img1/@@images/image/large" alt="A photo" class="image-left"/></p>'
    )
    paragraph, image = result.blocks
    assert paragraph["value"] == (
        '<p>See <a linktype="page" id="11">this</a>, <a linktype="document" id="12">that</a>'
        " and gone and later.</p>"
    )
    assert image["value"]["image"] == {"image": 13, "decorative": False, "alt_text": "A photo"}
    assert result.dangling == ["gone"]
    assert result.pending == ["later"]


def test_what_rich_text_cannot_hold_is_reported_and_its_text_kept():
    result = run(
        "<table><tr><th>Thema</th><th>Monat</th></tr><tr><td>Datenschutz</td><td>Mai</td></tr></table>"
        '<p style="color: red">Mail <a href="mailto:a@example.org">us</a><script>x()</script></p>'
        '<p><img src="https://elsewhere.example.org/x.png"/></p><hr/><pre>code</pre>'
    )
    assert result.blocks[0]["value"] == (
        "<ul><li>Thema – Monat</li><li>Datenschutz – Mai</li></ul>"
        '<p>Mail <a href="mailto:a@example.org">us</a></p><p>code</p>'
    )
    assert result.unsupported == [
        "a table became a list: rich text cannot hold tables",
        "inline styles (style=…) were left out",
        "<script> was left out",
        "an image from outside the site was left out: https://elsewhere.example.org/x.png",
        "<hr> was left out",
        "<pre> became a paragraph",
    ]


def test_block_ids_are_stable():
    assert run("<p>x</p>").blocks[0]["id"] == run("<p>x</p>").blocks[0]["id"]
