from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtplein.core.forms import MultiplePhotoField, check_photos
from buurtplein.square.models import Category, Post, ReactionKind, Visibility


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
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=None,
        required=False,
        empty_label=_("Myself"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )

    def __init__(self, *args, existing_photos: int = 0, organisations=None, **kwargs):
        """``organisations``: those the author acts for (offered as "on behalf of"); without
        any (and when editing) the field is not shown."""
        self.existing_photos = existing_photos
        super().__init__(*args, **kwargs)
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a message."), code="required")
        return text

    def clean_photos(self):
        return check_photos(self.cleaned_data.get("photos") or [], existing=self.existing_photos)


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


def post_initial(post: Post) -> dict:
    return {
        "category": post.category,
        "title": post.title,
        "text": post.text,
        "visibility": post.visibility,
    }
