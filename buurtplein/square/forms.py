from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from buurtplein.core.images import validate_image
from buurtplein.moderation.models import Report
from buurtplein.square.actions import MAX_PHOTOS
from buurtplein.square.models import Category, Post, ReactionKind, Visibility


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


class PostForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of message is it?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of message it is.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        required=False,
        help_text=_("Optional. A few words that say what it is about."),
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a message.")},
        help_text=_("You can use **bold**, *italic*, lists with - and links."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read this?"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 6 photos. We remove hidden data, such as the place a photo was taken."),
    )
    alt_text = forms.CharField(
        label=_("Describe the photos"),
        max_length=200,
        required=False,
        help_text=_("For neighbours who cannot see the photos, e.g. “Black cat with white paws”."),
    )

    def __init__(self, *args, existing_photos: int = 0, **kwargs):
        self.existing_photos = existing_photos
        super().__init__(*args, **kwargs)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a message."), code="required")
        return text

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        room = MAX_PHOTOS - self.existing_photos
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


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment.")},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a comment."), code="required")
        return text


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explain (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def post_initial(post: Post) -> dict:
    return {
        "category": post.category,
        "title": post.title,
        "text": post.text,
        "visibility": post.visibility,
    }
