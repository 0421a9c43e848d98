import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtplein.accounts.models import (
    LANGUAGE_CHOICES,
    PROFILE_VISIBILITY_FIELDS,
    Interest,
    Visibility,
)
from buurtplein.core.images import validate_image
from buurtplein.core.models import Role


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (used through ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("First name"), max_length=60)
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=80,
        required=False,
        help_text=_("Neighbours see only its first letter, unless you choose otherwise."),
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class JoinForm(forms.Form):
    postcode = forms.CharField(
        label=_("Your postcode"),
        max_length=8,
        help_text=_("For example 6522 AB. We use it only to check that you live here."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={"required": _("Fill in your postcode.")},
    )
    code = forms.CharField(
        label=_("Invite code (if you have one)"),
        max_length=16,
        required=False,
        help_text=_(
            "With a code from a buurtverbinder or neighbour you can join at once. Without a code, "
            "a buurtverbinder checks your request first."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class InviteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for yourself"),
        max_length=120,
        required=False,
        help_text=_("For example: the street or household you give it to."),
    )
    max_uses = forms.IntegerField(
        label=_("How many people can use it"), min_value=1, max_value=500, initial=5
    )
    expires_at = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for professionals)"), queryset=None, required=False
    )

    def __init__(self, *args, neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = neighbourhood.organisations.order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PROFESSIONAL and not data.get("organisation"):
            self.add_error(
                "organisation", _("A professional works for an organisation: choose it.")
            )
        return data


VISIBILITY_LABELS = {
    "photo": _("Who sees your photo?"),
    "intro": _("Who sees “about me”?"),
    "interests": _("Who sees your interests?"),
    "skills": _("Who sees what you can help with?"),
    "languages": _("Who sees your languages?"),
    "street": _("Who sees your street?"),
}


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=60)
    last_name = forms.CharField(label=_("Last name"), max_length=80, required=False)
    show_full_name = forms.BooleanField(
        label=_("Show my full last name (otherwise only its first letter)"), required=False
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("We remove hidden data from the photo, such as where it was taken."),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    intro = forms.CharField(
        label=_("About me"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences for your neighbours. For example how long you live here."),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("My interests"),
        queryset=Interest.objects.filter(kind=Interest.Kind.INTEREST),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("I can help with"),
        queryset=Interest.objects.filter(kind=Interest.Kind.SKILL),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Other things I like or can do"),
        max_length=300,
        required=False,
        help_text=_("Separate with commas, for example: chess, sourdough bread. At most 10."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    street = forms.CharField(
        label=_("My street"),
        max_length=120,
        required=False,
        help_text=_("Only the street name, never your house number."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, default in PROFILE_VISIBILITY_FIELDS.items():
            self.fields[f"visibility_{field}"] = forms.ChoiceField(
                label=VISIBILITY_LABELS[field], choices=Visibility.choices, initial=str(default)
            )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            try:
                validate_image(photo)
            except ValidationError as error:
                raise ValidationError(
                    [*error.messages, _("Choose your photo again: it was not kept.")]
                ) from None
        return photo

    def clean_tags(self):
        raw = self.cleaned_data.get("tags", "")
        tags = []
        for part in raw.split(","):
            tag = re.sub(r"\s+", " ", part).strip().lower()[:30]
            if tag and tag not in tags:
                tags.append(tag)
        if len(tags) > 10:
            raise ValidationError(_("At most 10, please. Keep the ones that matter most."))
        return tags

    def clean_street(self):
        street = self.cleaned_data.get("street", "").strip()
        if re.search(r"\d", street):
            raise ValidationError(_("Only the street name, please: leave out the house number."))
        return street

    def visibility(self) -> dict[str, str]:
        return {f: self.cleaned_data[f"visibility_{f}"] for f in PROFILE_VISIBILITY_FIELDS}

    def visibility_fields(self):
        return [self[f"visibility_{f}"] for f in PROFILE_VISIBILITY_FIELDS]


def profile_initial(user) -> dict:
    profile = user.profile
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "show_full_name": profile.show_full_name,
        "intro": profile.intro,
        "interests": list(profile.interests.all()),
        "skills": list(profile.skills.all()),
        "tags": ", ".join(profile.tags or []),
        "languages": profile.languages,
        "street": profile.street,
    }
    for field in PROFILE_VISIBILITY_FIELDS:
        initial[f"visibility_{field}"] = profile.visibility_of(field)
    return initial


class EraseAccountForm(forms.Form):
    """ "Delete my account": a ticked box and the password, so it never happens by a slip."""

    confirm = forms.BooleanField(
        label=_(
            "I understand: my account and what I shared are deleted, and this cannot be undone."
        )
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, too_many_tries: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.too_many_tries = too_many_tries
        self.fields["confirm"].error_messages["required"] = _(
            "Tick the box if you really want to delete your account."
        )
        self.fields["password"].error_messages["required"] = _("Type your password.")

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.too_many_tries:  # the password is not even checked
            raise ValidationError(
                _("You tried too often. Wait a minute, then try again."), code="too_many"
            )
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password. Try again."), code="wrong")
        return password
