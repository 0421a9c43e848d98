"""The one photo kit: every photo of a post, an item, a club or an activity is a row of a
concrete subclass of :class:`Photo`, added with :func:`attach_photos` / :func:`attach_photo` /
:func:`replace_photo` and removed with :func:`remove_photos` — or with the thing it belongs to,
in any cascade.

A photo row owns its files (``large``, ``medium``, ``thumb``). When the row is deleted — by
:func:`remove_photos`, by a cascade from its post, item, club, activity, neighbourhood or the
account of the person who made it, or by any queryset ``.delete()`` — its files are deleted
too, once the transaction has committed (a rollback keeps them). That is storage housekeeping,
done by a ``post_delete`` receiver connected for every concrete subclass
(:func:`connect_file_cleanup`, from ``CoreConfig.ready``): a receiver is the one hook that also
sees cascades and queryset deletes. Files under :data:`SHARED_DIR` belong to no single row
(the generated benchmark data shares a pool of photos) and are never deleted by a row.
"""

from __future__ import annotations

import logging
import posixpath
from datetime import datetime
from functools import partial
from typing import ClassVar

from django.apps import apps
from django.db import models, transaction
from django.db.models import Max
from django.db.models.signals import post_delete, pre_save
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.images import MAX_PHOTOS, photo_fields

logger = logging.getLogger(__name__)

FILE_FIELDS = ("large", "medium", "thumb")
SHARED_DIR = "shared"
"""Files here are shared by many rows (see ``demo/bulk.py``): no row deletes them."""


def upload_to(instance: Photo, filename: str) -> str:
    """``<upload_dir>/<year>/<month>/<name>`` of the concrete model (``posts/2026/12/…``)."""
    return posixpath.join(datetime.now().strftime(f"{instance.upload_dir}/%Y/%m"), filename)


class Photo(models.Model):
    """A photo, stored as three sized variants through ``core.images`` (metadata stripped).

    A concrete subclass adds the foreign key to what the photo belongs to, names it in
    ``owner_field``, and says where its files go (``upload_dir``) and how many photos one owner
    may have (``max_photos``). Its ``Meta`` inherits ``Photo.Meta`` (the order)."""

    upload_dir: ClassVar[str] = "photos"
    owner_field: ClassVar[str] = ""
    max_photos: ClassVar[int] = MAX_PHOTOS

    # Tenant key: every neighbourhood-owned row carries its neighbourhood.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    large = models.ImageField(upload_to=upload_to)
    medium = models.ImageField(upload_to=upload_to)
    thumb = models.ImageField(upload_to=upload_to)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(_("description of the photo"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.alt_text or self.large.name


# --- which model holds the photos of what ---------------------------------------------------


def photo_models() -> list[type[Photo]]:
    """Every concrete photo model of the installed apps."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Photo) and not model._meta.abstract
    ]


_MODEL_FOR: dict[type, type[Photo]] = {}


def photo_model_for(owner) -> type[Photo]:
    """The photo model whose ``owner_field`` points to ``owner``'s model."""
    owner_model = owner._meta.concrete_model
    if owner_model not in _MODEL_FOR:
        for model in photo_models():
            field = model._meta.get_field(model.owner_field)
            _MODEL_FOR[field.related_model._meta.concrete_model] = model
    try:
        return _MODEL_FOR[owner_model]
    except KeyError:
        raise LookupError(f"No photo model belongs to {owner_model.__name__}") from None


def _of(owner):
    model = photo_model_for(owner)
    return model, model.objects.filter(**{model.owner_field: owner})


# --- writes ----------------------------------------------------------------------------------


def attach_photo(*, owner, upload, alt_text: str = "", position: int | None = None) -> Photo:
    """Store ``upload`` (through ``core.images``: decoded, stripped, re-encoded, sized) as a
    photo of ``owner``, after its last photo unless ``position`` is given. The caller checked
    the room (:func:`attach_photos` does)."""
    model, existing = _of(owner)
    if position is None:
        last = existing.aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
    return model.objects.create(
        neighbourhood_id=owner.neighbourhood_id,
        **{model.owner_field: owner},
        alt_text=alt_text.strip()[:200],
        position=position,
        **photo_fields(upload),
    )


def attach_photos(*, owner, uploads, alt_texts: list[str] | str = "") -> list[Photo]:
    """Add ``uploads`` after ``owner``'s photos, as many as still fit (``max_photos``); one
    alt text for all, or one per upload."""
    model, existing = _of(owner)
    uploads = list(uploads or [])
    if not uploads:
        return []
    count, last = (
        existing.aggregate(n=models.Count("id"), last=Max("position"))[k] for k in ("n", "last")
    )
    room = max(0, model.max_photos - count)
    start = 0 if last is None else last + 1
    texts = [alt_texts] * len(uploads) if isinstance(alt_texts, str) else list(alt_texts)
    return [
        attach_photo(
            owner=owner,
            upload=upload,
            alt_text=texts[index] if index < len(texts) else "",
            position=start + index,
        )
        for index, upload in enumerate(uploads[:room])
    ]


def remove_photos(*, owner, ids=None) -> int:
    """Delete ``owner``'s photos (only those with a pk in ``ids`` when given); their files go
    when the transaction commits. Returns how many rows were deleted."""
    _model, photos = _of(owner)
    if ids is not None:
        photos = photos.filter(pk__in=list(ids))
    deleted, _per_model = photos.delete()
    return deleted


def replace_photo(*, owner, upload, alt_text: str = "") -> Photo:
    """The one photo of an owner that has at most one (an activity): the old one goes."""
    remove_photos(owner=owner)
    return attach_photo(owner=owner, upload=upload, alt_text=alt_text, position=0)


# --- files go with their row -----------------------------------------------------------------


def _forget_files(sender, instance: Photo, using: str, **kwargs) -> None:
    """``post_delete``: the row's files are deleted once the transaction commits. The callback
    carries its own names, so a rollback (which drops it) keeps the files of rows that came
    back."""
    delete_files_on_commit(files_of_row(instance, FILE_FIELDS), using=using)


def _delete_files(files) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the photo file %s", name)


def connect_file_cleanup() -> None:
    """Connect :func:`_forget_files` for every concrete photo model (``CoreConfig.ready``)."""
    for model in photo_models():
        post_delete.connect(_forget_files, sender=model, dispatch_uid=f"photo-files-{model._meta}")


# --- a person's data export -------------------------------------------------------------------

EXPORT_DIR = "photos"
"""Where a person's own photos go in their data export (``photos/<name in storage>``)."""

EXPORT_FILES = "files"
"""The key under which a component's ``export(user)`` lists the storage names of the person's
own photo files; the export copies them into the zip (and leaves the key out of the JSON)."""


def export_name(file) -> str:
    """The place of a photo file in the data export, as the component's JSON names it."""
    return f"{EXPORT_DIR}/{file.name}"


# --- single image fields outside the kit (a profile photo, an organisation's logo) ------------


def files_of_row(instance, fields) -> list:
    """``(storage, name)`` of the files ``instance`` holds in ``fields`` (none under
    :data:`SHARED_DIR`)."""
    return [
        (file.storage, file.name)
        for file in (getattr(instance, name) for name in fields)
        if file and file.name and not file.name.startswith(f"{SHARED_DIR}/")
    ]


def delete_files_on_commit(files, using: str | None = None) -> None:
    """Delete ``files`` (``(storage, name)`` pairs) once the transaction commits; a rollback
    keeps them."""
    if files:
        transaction.on_commit(partial(_delete_files, list(files)), using=using, robust=True)


def own_files(model, *fields: str) -> None:
    """A row of ``model`` owns the files in its image ``fields`` (``accounts.Profile``'s photo,
    ``accounts.Organisation``'s logo): they are deleted when the row is deleted, in any way,
    once the transaction commits — as a photo of the kit; and a file that is replaced or
    cleared in a save goes too. Connected from the model's ``AppConfig.ready``."""

    def forget(sender, instance, using, **kwargs):
        delete_files_on_commit(files_of_row(instance, fields), using=using)

    def forget_replaced(sender, instance, using, raw=False, update_fields=None, **kwargs):
        if raw or instance.pk is None:
            return
        names = [n for n in fields if update_fields is None or n in update_fields]
        if not names:
            return
        before = sender._base_manager.using(using).filter(pk=instance.pk).first()
        if before is None:
            return
        now = {getattr(instance, n).name for n in names if getattr(instance, n)}
        gone = [(s, name) for s, name in files_of_row(before, names) if name not in now]
        delete_files_on_commit(gone, using=using)

    uid = f"own-files-{model._meta}"
    post_delete.connect(forget, sender=model, weak=False, dispatch_uid=uid)
    pre_save.connect(forget_replaced, sender=model, weak=False, dispatch_uid=uid)
