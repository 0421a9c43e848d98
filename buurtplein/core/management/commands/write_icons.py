"""Write the icon sprite (static/buurtplein/icons.svg) from core/icons.py."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from buurtplein.core import icons


class Command(BaseCommand):
    help = "Write static/buurtplein/icons.svg from the drawings in buurtplein/core/icons.py."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "static" / icons.SPRITE
        path.write_text(icons.sprite())
        self.stdout.write(f"Wrote {path} ({len(icons.PATHS)} icons).")
