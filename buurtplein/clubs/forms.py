"""Forms of the clubs component: input validation only (rules that need the database are in
actions.py)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtplein.clubs.models import MAX_NOTE, Audience, JoinPolicy, Kind, Role, State
from buurtplein.core.forms import MultiplePhotoField, check_photos
from buurtplein.core.images import validate_image

PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")


def _required_text(value: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


class ClubForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Is this the page of an organisation you already work for?"),
        queryset=None,
        required=False,
        empty_label=_("No, it is a new club"),
        help_text=_("Its staff become the board of the club page."),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        required=False,
        help_text=_("For example: “Wandelclub Ooij” or “Buurtmoestuin Javastraat”."),
    )
    kind = forms.ChoiceField(
        label=_("What kind of club is it?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of club it is.")},
    )
    pitch = forms.CharField(
        label=_("In one sentence"),
        max_length=160,
        help_text=_("What you do together, e.g. “Every Sunday we walk 10 km along the dike.”"),
        error_messages={"required": _("Say in one sentence what the club does.")},
    )
    description = forms.CharField(
        label=_("More about the club (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use **bold**, *italic*, lists with - and links."),
    )
    meets_where = forms.CharField(
        label=_("Where do you meet? (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example: “Dorpshuis De Klinkert” or “the car park by the church”."),
    )
    meets_when = forms.CharField(
        label=_("When do you meet? (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example: “Every Tuesday, 19.30–22.00”."),
    )
    join_policy = forms.ChoiceField(
        label=_("How do people join?"),
        choices=JoinPolicy.choices,
        initial=JoinPolicy.OPEN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how people join.")},
    )
    email = forms.EmailField(
        label=_("E-mail address of the club (optional)"),
        required=False,
        error_messages={"invalid": _("Write an e-mail address like club@example.nl.")},
    )
    phone = forms.CharField(
        label=_("Phone number of the club (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Write a web address like www.example.nl.")},
    )
    contact_audience = forms.ChoiceField(
        label=_("Who sees the contact details?"),
        choices=Audience.choices,
        initial=Audience.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_("Only what you fill in is shown."),
        error_messages={"required": _("Choose who sees the contact details.")},
    )
    logo = forms.FileField(
        label=_("Logo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("A square picture works best. We remove hidden data from it."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 6 photos. We remove hidden data, such as the place a photo was taken."),
    )
    alt_text = forms.CharField(
        label=_("Describe the photos"),
        max_length=200,
        required=False,
        help_text=_("For neighbours who cannot see the photos, e.g. “Walkers on the dike”."),
    )

    def __init__(self, *args, organisations=None, editing=False, existing_photos=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_photos = existing_photos
        if editing or organisations is None or not organisations.exists():
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        if not editing:
            del self.fields["remove_logo"]

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Write a phone number with digits only, like 024 123 45 67."), code="invalid"
            )
        return phone

    def clean_pitch(self):
        return _required_text(
            self.cleaned_data.get("pitch"), _("Say in one sentence what the club does.")
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            try:
                validate_image(logo)
            except ValidationError as error:
                raise ValidationError(
                    [*error.messages, _("Choose the logo again: it was not kept.")]
                ) from None
        return logo or None

    def clean_photos(self):
        return check_photos(self.cleaned_data.get("photos") or [], existing=self.existing_photos)

    def clean(self):
        data = super().clean()
        data["name"] = (data.get("name") or "").strip()
        if not data["name"] and not data.get("organisation") and "name" not in self.errors:
            self.add_error("name", _("Write the name of the club."))
        return data


def club_initial(club) -> dict:
    organisation = club.organisation
    return {
        "name": organisation.name,
        "kind": club.kind,
        "pitch": club.pitch,
        "description": club.description,
        "meets_where": club.meets_where,
        "meets_when": club.meets_when,
        "join_policy": club.join_policy,
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
        "contact_audience": club.contact_audience,
    }


class JoinForm(forms.Form):
    note = forms.CharField(
        label=_("A note to the board (optional)"),
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who are you, and why would you like to join? At most 500 characters."),
    )


class LeaveForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Who takes over from you on the board?"),
        queryset=None,
        empty_label=_("Choose a member"),
        error_messages={
            "required": _("Choose who takes over from you before you leave."),
            "invalid_choice": _("Choose a member of this club."),
        },
    )

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if successors is None:
            del self.fields["successor"]
        else:
            self.fields["successor"].queryset = successors
            self.fields["successor"].label_from_instance = lambda m: m.user.display_name


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("approve", _("Yes, welcome")), ("decline", _("No"))],
        error_messages={"required": _("Choose yes or no.")},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, error_messages={"required": _("Choose a role.")}
    )


class MembershipForm(forms.Form):
    show_email = forms.BooleanField(
        label=_("Show my e-mail address to the other members"), required=False
    )
    phone = forms.CharField(
        label=_("Phone number for the other members (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Only members of this club see it. Leave it empty to show no number."),
    )

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Write a phone number with digits only, like 06 12 34 56 78."), code="invalid"
            )
        return phone


class MembersTextForm(forms.Form):
    text = forms.CharField(
        label=_("Information for members"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Only members see this: training times, the link to the WhatsApp group, who has "
            "the key. You can use **bold**, lists with - and links."
        ),
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        error_messages={"required": _("Write a title.")},
        help_text=_("For example: “No training next Tuesday”."),
    )
    text = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write a message.")},
        help_text=_("Every member gets it by e-mail and can read it on the members' page."),
    )

    def clean_title(self):
        return _required_text(self.cleaned_data.get("title"), _("Write a title."))

    def clean_text(self):
        return _required_text(self.cleaned_data.get("text"), _("Write a message."))


MODERATE_CHOICES = {
    State.ACTIVE: [
        (State.HIDDEN, _("Hide it for now: off the list, only the board still sees it")),
        (State.REMOVED, _("Remove it: the page is gone for everyone")),
    ],
    State.HIDDEN: [
        (State.ACTIVE, _("Show it again")),
        (State.REMOVED, _("Remove it: the page is gone for everyone")),
    ],
}


class ModerateForm(forms.Form):
    state = forms.ChoiceField(
        label=_("What do you want to do?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to do with the club.")},
    )

    def __init__(self, *args, club, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = MODERATE_CHOICES.get(club.state, [])
