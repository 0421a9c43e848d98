"""Peak memory of one post with six big photos, through the real photo path.

    python -m uv run python bench/upload_memory.py

Each case runs in a fresh Python process (``sys.executable``), so ``ru_maxrss`` (the peak
resident memory of that process) says what the photos cost: the peak is reset once Django is set
up and the photos are in memory (``/proc/self/clear_refs``, Linux), read (``ready``), and read
again after the post's photos went through what a
post does with them — ``core.forms.check_photos`` (the form), then ``core.images.photo_fields``
for each photo, one after another (``core.photos.attach_photos``). Figures: bench/RESULTS.md.

Cases (six photos each, as one post may carry):

* ``png-7200x5500``: flat drawings of 7200 × 5500 pixels, about 130 KB each (the attack from
  issue 11: a small upload that decodes to 120 MB per photo);
* ``png-4600x3450``: PNGs just under the limit for formats decoded at full size;
* ``jpeg-7200x5500``: camera-sized JPEGs of 7200 × 5500 (decoded at a reduced size).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    "png-7200x5500": ("PNG", (7200, 5500)),
    "png-4600x3450": ("PNG", (4600, 3450)),
    "jpeg-7200x5500": ("JPEG", (7200, 5500)),
}
PHOTOS = 6


def picture(fmt: str, size: tuple[int, int], seed: int) -> bytes:
    """A drawing that compresses well (big in pixels, small in bytes)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (200 + seed, 220, 240))
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (i * 173 + seed * 31) % size[0], (i * 97 + seed * 17) % size[1]
        draw.rectangle((x, y, x + size[0] // 8, y + size[1] // 10), fill=(i * 6, 90, 160 - i))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {"optimize": True}))
    return out.getvalue()


def status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def child(case: str, folder: str) -> None:
    """Runs in the fresh process: set up Django, read the photos, send them through."""
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from buurtplein.core.forms import check_photos
    from buurtplein.core.images import photo_fields

    uploads = [
        SimpleUploadedFile(path.name, path.read_bytes(), f"image/{path.suffix[1:]}")
        for path in sorted(Path(folder).iterdir())
    ]
    result = {"case": case, "upload_bytes": sum(upload.size for upload in uploads)}
    # Setting Django up peaks higher than it settles: reset the peak to what the process holds
    # now (Linux: "5" to clear_refs), so the peak afterwards is the photos' own.
    Path("/proc/self/clear_refs").write_text("5")
    result["rss_ready_mb"] = status_mb("VmHWM")
    result["maxrss_ready_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        check_photos(uploads)
        for upload in uploads:
            photo_fields(upload)
        result["outcome"] = "accepted"
    except ValidationError as error:
        result["outcome"] = "refused: " + " ".join(error.messages)
    result["rss_peak_mb"] = status_mb("VmHWM")
    result["maxrss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    """Make the pictures here, then measure each case in a fresh process."""
    rows = []
    for case, (fmt, size) in CASES.items():
        folder = Path(tempfile.mkdtemp(prefix=f"upload-memory-{case}-"))
        ext = "png" if fmt == "PNG" else "jpeg"
        for seed in range(PHOTOS):
            (folder / f"foto{seed}.{ext}").write_bytes(picture(fmt, size, seed))
        out = subprocess.run(
            [sys.executable, __file__, "--child", case, str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        shutil.rmtree(folder)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'case':16} {'upload':>9} {'ready':>9} {'peak':>9} {'photos':>9}  outcome")
    for row in rows:
        print(
            f"{row['case']:16} {row['upload_bytes'] / 1024:7.0f}KB "
            f"{row['rss_ready_mb']:7.0f}MB {row['rss_peak_mb']:7.0f}MB "
            f"{row['rss_peak_mb'] - row['rss_ready_mb']:7.0f}MB  {row['outcome'][:70]}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
