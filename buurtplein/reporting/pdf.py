"""A report as a PDF a municipality accepts (WeasyPrint): A4, in the neighbourhood's colours and
with its logo, every figure with its chart and its table (printed open), and the report blocks
for the audience "municipality" (only what may leave the organisation, e.g. stories whose
consent covers reports). Built by a task (``tasks.build_report_pdf``) that records its progress
on the ``ReportJob``; a year at S scale takes a few seconds (``bench/report.py``)."""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

from buurtplein.reporting import report

STEPS = 4
"""Read the figures, read the blocks, write the page, lay it out as PDF."""


def logo_data_uri(neighbourhood) -> str:
    """The neighbourhood's logo inside the PDF (no request to the site while it is built)."""
    if not neighbourhood.logo:
        return ""
    try:
        with neighbourhood.logo.open("rb") as logo:
            data = logo.read()
    except OSError:
        return ""
    kind = mimetypes.guess_type(neighbourhood.logo.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


BASE_URL = "https://pdf.invalid/"
"""The address the PDF's relative links resolve against: nothing is fetched from the
network; the media files (a story's photo in a report block) are read from the storage."""


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class MediaFetcher(URLFetcher):
        """Data URIs, and the site's media files from the storage; nothing else (no request
        leaves the server while a PDF is built)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = urlsplit(url).path
            if url.startswith(BASE_URL) and path.startswith(settings.MEDIA_URL):
                name = path.removeprefix(settings.MEDIA_URL)
                with default_storage.open(name, "rb") as found:
                    body = found.read()
                kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": kind})
            raise ValueError(f"Not fetched for a PDF: {url}")

    return MediaFetcher()


def render(
    scope: report.Scope,
    period,
    neighbourhood,
    progress: Callable[[int], None] = lambda step: None,
) -> bytes:
    from weasyprint import HTML

    scope = scope.for_municipality()
    built = report.build(scope, period)
    progress(1)
    blocks = report.blocks(scope, period)
    progress(2)
    html = render_to_string(
        "reporting/pdf.html",
        {
            "report": built,
            "scope": scope,
            "blocks": blocks,
            "neighbourhood": neighbourhood,
            "logo": logo_data_uri(neighbourhood),
            "chart_colour": neighbourhood.colour_primary,
            "print": True,
            "made_at": timezone.now(),
            "site_name": settings.BUURTPLEIN_SITE_NAME,
        },
    )
    progress(3)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()
