"""Baselines: what the stack costs without Buurtplein's work, measured in the same run.

* ``minimal``: a tiny response through the whole middleware stack.
* ``template_page``: ``base.html`` with ``cards`` post-like cards from made-up data, no
  database; the runner picks ``cards`` so that the page is as large as the feed's first page.
"""

from datetime import datetime, timedelta

from django.http import HttpResponse
from django.shortcuts import render

_START = datetime(2026, 5, 1, 9, 30)
_TEXT = (
    "Zaterdag is er weer Repair Café van 10 tot 13 uur. Neem je kapotte broodrooster, fiets of "
    "broek mee: vrijwilligers helpen je het zelf te repareren."
)


def minimal(request):
    return HttpResponse(b"ok", content_type="text/plain")


def template_page(request):
    try:
        count = max(0, min(200, int(request.GET.get("cards", "20"))))
    except ValueError:
        count = 20
    cards = [
        {
            "title": f"Bericht {n}",
            "author": "Els B.",
            "created_at": _START - timedelta(hours=3 * n),
            "text": _TEXT,
            "comments": n % 7,
            "reactions": n % 5,
        }
        for n in range(count)
    ]
    return render(request, "bench/baseline.html", {"cards": cards})
