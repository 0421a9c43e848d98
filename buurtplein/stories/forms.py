from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtplein.core.forms import MultiplePhotoField, check_photos
from buurtplein.stories.models import MAX_QUOTE, MAX_TESTIMONIAL, MAX_TEXT, MAX_TITLE, ShownAs, Use

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StoryForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        error_messages={"required": _("Write a title.")},
    )
    text = forms.CharField(
        label=_("The story"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the story.")},
        help_text=_("What happened, who took part, what it meant for the neighbourhood."),
    )
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Choose the day it happened."),
            "invalid": _("Write a date, e.g. 3-12-2026."),
        },
    )
    happened_until = forms.DateField(
        label=_("Until (for a period)"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Write a date, e.g. 3-12-2026.")},
        help_text=_("Optional. For a story about a month or a project."),
    )
    organisation = forms.ModelChoiceField(
        label=_("About an organisation or club"),
        queryset=None,
        required=False,
        empty_label=_("About the neighbourhood"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
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
        help_text=_("For people who cannot see the photos."),
    )

    def __init__(self, *args, organisations=None, existing_photos: int = 0, **kwargs):
        """``organisations``: the neighbourhood's (none when editing: the field is left
        out)."""
        self.existing_photos = existing_photos
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Write a title."), code="required")
        return title

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write the story."), code="required")
        return text

    def clean_photos(self):
        return check_photos(self.cleaned_data.get("photos") or [], existing=self.existing_photos)


class ConsentFields(forms.Form):
    """What a person in a story agrees to: the uses and until when."""

    uses = forms.MultipleChoiceField(
        label=_("What may the story be used for?"),
        choices=Use.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one use.")},
    )
    until = forms.DateField(
        label=_("Consent until"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Choose until when the consent holds."),
            "invalid": _("Write a date, e.g. 3-12-2026."),
        },
    )


class PersonForm(ConsentFields):
    """A person in a story: a member (asked in the app) or someone who consented on paper."""

    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        required=False,
        help_text=_("As the person is called in the story."),
    )
    by_name = forms.BooleanField(label=_("Named in the story"), required=False, initial=True)
    in_photo = forms.BooleanField(label=_("In a photo"), required=False)
    quote = forms.CharField(
        label=_("Quote"),
        max_length=MAX_QUOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. What the person said, in their own words."),
    )
    paper = forms.BooleanField(
        label=_("The person signed the consent form on paper; I keep it."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("member"):
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Write the person's name."))
            if not data.get("paper"):
                self.add_error(
                    "paper",
                    _("Without an account, the person gives consent on paper. Tick this."),
                )
        return data


class TestimonialForm(forms.Form):
    text = forms.CharField(
        label=_("What would you tell others?"),
        max_length=MAX_TESTIMONIAL,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what you would tell others.")},
    )
    shown_as = forms.ChoiceField(
        label=_("How may we show your name?"),
        choices=ShownAs.choices,
        initial=ShownAs.INITIALS,
        widget=forms.RadioSelect,
    )
    photo = forms.FileField(
        label=_("A photo of you (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("We remove hidden data, such as the place a photo was taken."),
    )
    alt_text = forms.CharField(label=_("Describe the photo"), max_length=200, required=False)
    social = forms.BooleanField(
        label=_("The organisation may also share it on social media"), required=False
    )
    agree = forms.BooleanField(
        label=_(
            "I agree that my recommendation is shown on the organisation's page and on the "
            "neighbourhood's home page. I can withdraw this at any time."
        ),
        error_messages={"required": _("Tick that you agree, or leave this page.")},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write what you would tell others."), code="required")
        return text

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        return check_photos([photo])[0]


class TestimonialPaperForm(TestimonialForm):
    """A testimonial given on paper, registered by the organisation's staff."""

    name = forms.CharField(label=_("Name of the person"), max_length=120)
    until = forms.DateField(
        label=_("Consent until"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Choose until when the consent holds."),
            "invalid": _("Write a date, e.g. 3-12-2026."),
        },
    )
    agree = forms.BooleanField(
        label=_("The person signed the consent form on paper; I keep it."),
        error_messages={"required": _("Register only what the person signed on paper.")},
    )
    field_order = ["name", "text", "shown_as", "photo", "alt_text", "until", "social", "agree"]
