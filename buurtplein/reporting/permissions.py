"""Rules of the reports, registered with the one permission chain.

* A neighbourhood's report: its professionals and admins (not buurtverbinders, not members).
* An organisation's report and a region's report are opened by verified members only
  (``reporting.figures.open``); who sees which is decided on the object, with the same 404 for
  missing and forbidden (``selectors.access_organisation``: the organisation's staff;
  ``selectors.access_region``: professionals and admins of every neighbourhood of the region).
* A share link's report: whoever holds the link (no account), while it is neither expired nor
  revoked (``selectors.access_share``).
"""

from buurtplein.core.permissions import rule


@rule("reporting.report.view")
def _view_report(viewer, obj):
    return viewer.is_member and (viewer.is_professional or viewer.is_admin)


@rule("reporting.figures.open")
def _open_figures(viewer, obj):
    return viewer.is_member


@rule("reporting.shared.view")
def _view_shared(viewer, obj):
    return True
