"""Rules of the reports, registered with the one permission chain.

* A neighbourhood's report: its professionals and admins (not buurtverbinders, not members).
"""

from buurtplein.core.permissions import rule


@rule("reporting.report.view")
def _view_report(viewer, obj):
    return viewer.is_member and (viewer.is_professional or viewer.is_admin)
