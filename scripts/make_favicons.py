"""Writes the site icons in buurtplein/public/ (served at the site root by WhiteNoise) from
one drawing: the house of the "home" icon, white on the default brand green.

    python -m uv run python scripts/make_favicons.py

Chromium (Playwright, /usr/bin/chromium) draws the SVG at each size; Pillow packs favicon.ico.
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

PUBLIC = Path(__file__).resolve().parent.parent / "buurtplein" / "public"
GREEN = "#1d6b52"
HOUSE = (
    '<g transform="translate(8 9) scale(2)" fill="none" stroke="#fff" stroke-width="2.4" '
    'stroke-linecap="round" stroke-linejoin="round">'
    '<path d="M3 11 12 3l9 8"/><path d="M5 10v10h5v-6h4v6h5V10"/></g>'
)


def drawing(*, rounded: bool) -> str:
    corner = ' rx="14"' if rounded else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64"{corner} fill="{GREEN}"/>{HOUSE}</svg>\n'
    )


def main() -> None:
    PUBLIC.mkdir(exist_ok=True)
    (PUBLIC / "icon.svg").write_text(drawing(rounded=True))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()

        def png(size: int, *, rounded: bool) -> bytes:
            page.set_viewport_size({"width": size, "height": size})
            svg = drawing(rounded=rounded).replace("<svg ", f'<svg width="{size}" height="{size}" ')
            page.set_content(f"<style>*{{margin:0}}</style>{svg}")
            return page.locator("svg").screenshot(omit_background=True)

        # A phone's home screen rounds the corners itself: full-bleed squares there.
        (PUBLIC / "apple-touch-icon.png").write_bytes(png(180, rounded=False))
        (PUBLIC / "icon-192.png").write_bytes(png(192, rounded=False))
        (PUBLIC / "icon-512.png").write_bytes(png(512, rounded=False))
        big = Image.open(io.BytesIO(png(48, rounded=True)))
        big.save(PUBLIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
