"""Form parts every app uses for photos: one field for several photos, one way to check them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtplein.core.images import MAX_PHOTOS, validate_image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files]


def check_photos(photos: list, *, existing: int = 0) -> list:
    """``photos`` if they fit next to ``existing`` ones and each is a usable photo; else a
    ``ValidationError`` that says what to do (a browser never keeps chosen files after a
    failed submit, so the message asks to choose them again)."""
    room = MAX_PHOTOS - existing
    if len(photos) > room:
        raise ValidationError(
            ngettext(
                "You can add %(count)d more photo. Choose your photos again.",
                "You can add %(count)d more photos. Choose your photos again.",
                room,
            )
            % {"count": room},
            code="too_many",
        )
    for photo in photos:
        try:
            validate_image(photo)
        except ValidationError as error:
            raise ValidationError(
                [*error.messages, _("Choose your photos again: they were not kept.")]
            ) from None
    return photos
