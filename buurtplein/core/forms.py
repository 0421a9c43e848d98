"""Form parts every app uses: reading a POST into a form, putting an action's refusal on the
form, and photos (one field for several photos, one way to check them)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtplein.core.images import MAX_PHOTOS, validate_image
from buurtplein.core.models import Neighbourhood


def posted(request):
    """The form data of a POST (also an empty one, so it shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def uploaded(request):
    """The uploaded files of a POST, else None."""
    return request.FILES if request.method == "POST" else None


def photos_to_remove(request, photos) -> list[int]:
    """The pks of ``photos`` (the owner's) ticked "remove" on an edit form (``remove_photo``);
    anything else posted is ignored. ``len(photos) - len(result)`` is what stays."""
    ticked = set(request.POST.getlist("remove_photo")) if request.method == "POST" else set()
    return [photo.pk for photo in photos if str(photo.pk) in ticked]


def apply_errors(form, error: ValidationError) -> None:
    """Show an action's ``ValidationError`` on the form: next to the field it names, else at
    the top — so the page is shown again with everything typed and the reason."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def error_text(error: ValidationError) -> str:
    """An action's refusal as one sentence (for a message at the top of the next page)."""
    return " ".join(error.messages)


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


class PrivacyContactForm(forms.ModelForm):
    """The neighbourhood's contact person for privacy questions (its admin fills it in)."""

    class Meta:
        model = Neighbourhood
        fields = [
            "privacy_contact_name",
            "privacy_contact_email",
            "privacy_contact_phone",
            "privacy_contact_organisation",
        ]
        widgets = {
            "privacy_contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "privacy_contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "privacy_contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "privacy_contact_organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def clean(self):
        """All empty (the platform's contact is shown), or at least a name and an e-mail."""
        data = super().clean()
        if not any((self.data.get(name) or "").strip() for name in self.Meta.fields):
            return data
        if not (data.get("privacy_contact_name") or "").strip():
            self.add_error("privacy_contact_name", _("Fill in a name, so people know who answers."))
        if "privacy_contact_email" not in self.errors and not data.get("privacy_contact_email"):
            self.add_error(
                "privacy_contact_email", _("Fill in an e-mail address, so people can write.")
            )
        return data
