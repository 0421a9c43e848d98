"""Buurtplein's settings plus the benchmark's two baseline pages (``bench.urls``).

Only ``bench/run.py`` serves with these settings; production never loads ``bench``.
"""

import copy

from buurtplein.config.settings import *  # noqa: F403
from buurtplein.config.settings import PROJECT_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], PROJECT_DIR / "bench" / "templates"]
