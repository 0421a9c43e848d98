"""What neighbours write and what information pages hold, rendered and sanitised."""

from buurtplein.core.text import render_document, render_markdown

HOURS = """# Openingstijden

| Dag | Open |
|---|---|
| maandag | 9.00–17.00 uur |

## Zalen huren
Bel de beheerder.

---
Tot ziens!"""


def test_an_information_page_has_sections_below_its_title_and_a_table():
    html = render_document(HOURS)
    assert "<h2>Openingstijden</h2>" in html and "<h3>Zalen huren</h3>" in html
    assert "<h1" not in html
    assert "<th>Dag</th>" in html and "<td>maandag</td>" in html
    assert "<hr>" in html
    assert "<h4>Diep</h4>" in render_document("#### Diep")
    assert "<h4>Dieper</h4>" in render_document("###### Dieper")


def test_what_neighbours_write_has_no_headings_or_tables():
    html = render_markdown(HOURS)
    assert "<h2" not in html and "<table" not in html and "<hr" not in html
    assert "# Openingstijden" in html


def test_a_document_is_sanitised_like_everything_else():
    html = render_document(
        "# Hoi <script>alert(1)</script>\n\n| a | [x](javascript:alert(1)) |\n|---|---|\n"
        "| <img src=x onerror=alert(1)> | ![foto](https://example.nl/a.png) |"
    )
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and 'href="javascript' not in lowered
    assert "<h2>Hoi &lt;script&gt;alert(1)&lt;/script&gt;</h2>" in html
