"""What a phone loads before it can show a page: bytes of CSS, JS, images and fonts that arrive
before DOMContentLoaded, and the page's DOM node count. Playwright with Debian's Chromium
(/usr/bin/chromium), a 390 × 844 phone, an empty cache.

    python -m uv run manage.py demo --port 8123 &        # or any running Buurtplein
    python -m uv run python bench/first_load.py [--base-url http://127.0.0.1:8123]
        [--email demo-bewoner@buurtplein.nl] [--password …] [/b/nijmegen-oost/ …]

Logs in as the demo resident through the log-in form, then opens each path (default: the home
and the square's feed of Nijmegen-Oost) in a fresh page with the cache off. "Raw" is the size of
each response body as the browser got it after decoding (what the issue's budget counts);
"wire" is what came over the network (compressed when the server compresses).
"""

from __future__ import annotations

import argparse
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
PAGES = ["/b/nijmegen-oost/", "/b/nijmegen-oost/posts/"]  # the logged-in home and the feed

MEASURE = """() => {
  const dcl = performance.getEntriesByType("navigation")[0].domContentLoadedEventStart;
  const rows = performance.getEntriesByType("resource").map(r => ({
    url: r.name, type: r.initiatorType, start: r.startTime, end: r.responseEnd,
    raw: r.decodedBodySize, wire: r.encodedBodySize,
  }));
  const nav = performance.getEntriesByType("navigation")[0];
  return {dcl, rows, html_raw: nav.decodedBodySize, html_wire: nav.encodedBodySize,
          nodes: document.getElementsByTagName("*").length};
}"""


def kind(url: str, initiator: str) -> str:
    path = url.split("?")[0].split("#")[0]
    for ending, name in ((".css", "css"), (".js", "js"), (".svg", "img"), (".png", "img")):
        if path.endswith(ending):
            return name
    return {"link": "css", "script": "js", "img": "img", "css": "img"}.get(initiator, initiator)


def measure(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    data = page.evaluate(MEASURE)
    before = [row for row in data["rows"] if row["start"] < data["dcl"]]
    totals: dict[str, list[int]] = {}
    for row in before:
        name = kind(row["url"], row["type"])
        raw, wire = totals.setdefault(name, [0, 0])
        totals[name] = [raw + row["raw"], wire + row["wire"]]
    return {
        "url": url,
        "html": (data["html_raw"], data["html_wire"]),
        "before_dcl": totals,
        "files": [(row["url"].split("/")[-1], row["raw"]) for row in before],
        "nodes": data["nodes"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=PAGES)
    parser.add_argument("--base-url", default="http://127.0.0.1:8123")
    parser.add_argument("--email", default="demo-bewoner@buurtplein.nl")
    parser.add_argument("--password", default="buurtplein")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(**PHONE, base_url=args.base_url, locale="nl-NL")
        page = context.new_page()
        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill(args.email)
        page.locator("input[name=password]").fill(args.password)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        for path in args.paths:
            result = measure(page, path)
            subresources = sum(raw for raw, _ in result["before_dcl"].values())
            print(f"\n{path}  DOM nodes: {result['nodes']}")
            print(f"  HTML: {result['html'][0] / 1024:.1f} KB raw")
            for name, (raw, wire) in sorted(result["before_dcl"].items()):
                print(f"  {name:5} {raw / 1024:6.1f} KB raw  {wire / 1024:6.1f} KB wire")
            print(f"  before DOMContentLoaded, besides the HTML: {subresources / 1024:.1f} KB raw")
            for name, raw in result["files"]:
                print(f"    {name:40} {raw / 1024:6.1f} KB")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
