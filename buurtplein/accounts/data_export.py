""" "Download je gegevens": a person's data export (AVG/GDPR articles 15 and 20).

A person asks for it on ``/me/`` (:func:`export_start`); a background task
(``accounts.tasks.build_data_export``) calls :func:`build`, which writes one zip into the
private storage (``BUURTPLEIN_PRIVATE_ROOT``, never served as media):

* ``account.json`` — the members component's part (``accounts.privacy.export``);
* ``<label>.json`` — one file per other part: every component's ``export(user)``
  (``core.components.all_components``; the platform's own parts, messaging and moderation,
  are components that are always on);
* ``photos/…`` — the person's own photo files, listed by each part under
  ``core.photos.EXPORT_FILES`` (the JSON names each one by its place in the zip);
* ``README.txt`` — what each file holds, in the person's language.

Progress is one step per part, then the photos, then the README. When the zip is ready the
person gets one e-mail with a link (the export's id and secret token) that works for
:data:`KEEP` (7 days) and only for them. :func:`remove_expired` deletes the files after that;
the retention round calls it, and each export plans its own clean-up task for the moment it
expires.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.template.loader import render_to_string
from django.utils import timezone, translation

from buurtplein.accounts.models import DataExport, User, private_storage
from buurtplein.accounts.retention import EXPORT_PERIOD
from buurtplein.core.components import all_components
from buurtplein.core.photos import EXPORT_DIR, EXPORT_FILES, delete_files_on_commit

logger = logging.getLogger(__name__)

KEEP = timedelta(days=EXPORT_PERIOD.days)
"""How long a ready export can be fetched; then its file is deleted."""
STALE = timedelta(hours=1)
"""An export still queued or being made after this is taken as failed (its worker died); the
person may ask again."""
FORGET_AFTER = timedelta(days=30)
"""How long the row of an expired or failed export stays (so its link says "expired")."""
STUCK = timedelta(days=1)
"""An export still queued or being made this long after it was asked for has failed
(:func:`remove_expired`); the task itself gives up on a build after :data:`STALE`."""

ACCOUNT_FILE = "account.json"
README = "README.txt"


@dataclass(frozen=True)
class Part:
    """One file of the export: what a component or a platform part holds about a person."""

    label: str
    name: Any
    description: Any
    export: Callable[..., dict]

    @property
    def filename(self) -> str:
        return ACCOUNT_FILE if self.label == "members" else f"{self.label}.json"


def parts() -> list[Part]:
    """Every part of an export, the account first."""
    found = [Part(c.label, c.name, c.description, c.export) for c in all_components() if c.export]
    return sorted(found, key=lambda part: part.label != "members")


# --- asking for one --------------------------------------------------------------------------


def latest(user) -> DataExport | None:
    """The person's most recent export (the one ``/me/`` shows), or None."""
    return DataExport.objects.filter(user=user).first()


def export_start(*, user, now: datetime | None = None) -> DataExport:
    """Start a new export for ``user``, or return the one still being made (one at a time).
    A new export replaces the previous ready one (its file is deleted at once)."""
    from buurtplein.accounts import tasks

    now = now or timezone.now()
    with transaction.atomic():
        # One request at a time per person: the second waits here and then sees the first.
        User.objects.select_for_update().filter(pk=user.pk).first()
        running = DataExport.objects.filter(
            user=user, state__in=[DataExport.State.QUEUED, DataExport.State.BUILDING]
        ).first()
        if running is not None and running.created_at > now - STALE:
            return running
        if running is not None:
            _fail(running)
        for old in DataExport.objects.filter(user=user, state=DataExport.State.READY):
            _expire(old)
        export = DataExport.objects.create(user=user, created_at=now, steps=len(parts()) + 2)
        transaction.on_commit(lambda: tasks.build_data_export.enqueue(export.pk))
    return export


# --- making it -------------------------------------------------------------------------------


def _json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=False)


def _progress(export_id: int, step: int) -> None:
    DataExport.objects.filter(pk=export_id).update(step=step)


def _add_photo(archive: zipfile.ZipFile, name: str, stamp) -> bool:
    info = zipfile.ZipInfo(f"{EXPORT_DIR}/{name}", date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED  # JPEG/WebP: compressing again gains nothing
    try:
        with default_storage.open(name, "rb") as source, archive.open(info, "w") as target:
            shutil.copyfileobj(source, target)
    except FileNotFoundError:
        logger.warning("Data export: photo file %s is missing", name)
        return False
    return True


def file_name(export: DataExport) -> str:
    """Where the export's zip goes: fixed per export (a task that takes over from one that
    died writes over its partial file), and not to be guessed from the id alone."""
    digest = hashlib.sha256(f"{export.pk}:{export.token}".encode()).hexdigest()[:32]
    return f"exports/{export.pk}-{digest}.zip"


def build(export_id: int) -> DataExport | None:
    """Make the zip of export ``export_id`` (from the task). Does nothing when the export is
    no longer waiting or being made (a second run of the same task)."""
    now = timezone.now()
    # Taken on by one task at a time: a waiting export, or one whose task died (it started
    # longer than STALE ago); a second delivery of the task meanwhile does nothing.
    claimed = (
        DataExport.objects.filter(pk=export_id)
        .filter(
            Q(state=DataExport.State.QUEUED)
            | Q(state=DataExport.State.BUILDING, started_at__lt=now - STALE)
        )
        .update(state=DataExport.State.BUILDING, step=0, started_at=now)
    )
    if not claimed:
        return None
    export = DataExport.objects.select_related("user").get(pk=export_id)
    user = export.user
    all_parts = parts()
    steps = len(all_parts) + 2
    DataExport.objects.filter(pk=export_id).update(steps=steps)
    name = file_name(export)
    path = private_storage.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    stamp = timezone.localtime().timetuple()[:6]
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            files: list[str] = []
            for step, part in enumerate(all_parts, start=1):
                data = dict(part.export(user))
                files += data.pop(EXPORT_FILES, [])
                archive.writestr(
                    zipfile.ZipInfo(part.filename, stamp),
                    _json(data),
                    compress_type=zipfile.ZIP_DEFLATED,
                )
                _progress(export_id, step)
            missing = [
                photo for photo in dict.fromkeys(files) if not _add_photo(archive, photo, stamp)
            ]
            _progress(export_id, steps - 1)
            with translation.override(user.language or settings.LANGUAGE_CODE):
                readme = render_to_string(
                    "accounts/export/README.txt",
                    {
                        "user": user,
                        "parts": all_parts,
                        "photos": bool(files),
                        "missing": missing,
                        "made_at": timezone.now(),
                        "site_name": settings.BUURTPLEIN_SITE_NAME,
                    },
                    using="text",
                )
            archive.writestr(
                zipfile.ZipInfo(README, stamp), readme, compress_type=zipfile.ZIP_DEFLATED
            )
    except BaseException:
        if os.path.exists(path):
            os.remove(path)
        DataExport.objects.filter(pk=export_id).update(state=DataExport.State.FAILED)
        raise
    now = timezone.now()
    DataExport.objects.filter(pk=export_id).update(
        state=DataExport.State.READY,
        step=steps,
        file=name,
        size=os.path.getsize(path),
        finished_at=now,
        expires_at=now + KEEP,
    )
    return DataExport.objects.select_related("user").get(pk=export_id)


def claim_email(export: DataExport) -> bool:
    """True once per export: whoever gets True sends the "your data is ready" e-mail."""
    return bool(
        DataExport.objects.filter(pk=export.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    )


def release_email(export: DataExport) -> None:
    """The e-mail could not be sent: a retry of the task may send it."""
    DataExport.objects.filter(pk=export.pk).update(emailed_at=None)


# --- fetching and forgetting it ---------------------------------------------------------------


def _delete_file(export: DataExport) -> None:
    """The export's file, also a partial one a task that died left behind."""
    names = {file_name(export)}
    if export.file and export.file.name:
        names.add(export.file.name)
    for name in names:
        try:
            private_storage.delete(name)
        except OSError:
            logger.exception("Could not delete data export file %s", name)


def _expire(export: DataExport) -> None:
    _delete_file(export)
    DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.EXPIRED, file="", size=0)
    export.state, export.file, export.size = DataExport.State.EXPIRED, "", 0


def _fail(export: DataExport) -> None:
    _delete_file(export)
    DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.FAILED, file="")
    export.state = DataExport.State.FAILED


def expire_now(export: DataExport) -> None:
    """An export found past its time (its link was opened): its file goes at once."""
    if export.state != DataExport.State.EXPIRED:
        _expire(export)


def _forget_file(sender, instance: DataExport, using: str, **kwargs) -> None:
    """``post_delete``: an export row owns its file (as a photo row does, ``core.photos``):
    when the row goes — with its account, or in :func:`remove_expired` — the file goes once
    the transaction commits."""
    names = {file_name(instance)} | ({instance.file.name} if instance.file else set())
    delete_files_on_commit([(private_storage, name) for name in sorted(names)], using=using)


def connect_file_cleanup() -> None:
    """Connect :func:`_forget_file` (``AccountsConfig.ready``)."""
    post_delete.connect(_forget_file, sender=DataExport, dispatch_uid="data-export-file")


def remove_expired(now: datetime | None = None) -> dict[str, int]:
    """The clean-up the retention round calls (and each export's own deferred task):

    * a ready export past its 7 days: its file is deleted, it becomes "expired";
    * one still queued or being made :data:`STUCK` (a day) after it was asked for: "failed",
      partial file deleted;
    * the rows of expired and failed exports older than :data:`FORGET_AFTER`: deleted.

    Returns the counts, e.g. ``{"expired": 1, "failed": 0, "forgotten": 2}``."""
    now = now or timezone.now()
    expired = 0
    for export in DataExport.objects.filter(state=DataExport.State.READY, expires_at__lte=now):
        _expire(export)
        expired += 1
    failed = 0
    for export in DataExport.objects.filter(
        state__in=[DataExport.State.QUEUED, DataExport.State.BUILDING],
        created_at__lte=now - STUCK,
    ):
        _fail(export)
        failed += 1
    old = DataExport.objects.filter(
        state__in=[DataExport.State.EXPIRED, DataExport.State.FAILED],
        created_at__lte=now - FORGET_AFTER - KEEP,
    )
    forgotten, _per_model = old.delete()  # their files go with the rows (``_forget_file``)
    return {"expired": expired, "failed": failed, "forgotten": forgotten}
