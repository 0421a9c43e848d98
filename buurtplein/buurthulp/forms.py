"""Forms of buurthulp: input validation only (rules live in actions and permissions)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtplein.accounts.models import LANGUAGE_CHOICES, Interest
from buurtplein.accounts.selectors import find_members
from buurtplein.buurthulp.models import (
    ALL_SLOTS,
    DISTANCE_CHOICES,
    RESIDENT_CONSENT_DAYS,
    RESIDENT_CONSENT_MAX_DAYS,
    WEEKDAYS,
    ConsentMethod,
    Daypart,
    FollowUpAnswer,
    RequestVisibility,
    ResidentContact,
    Topic,
    When,
)

FOR_ME, FOR_SOMEONE, FOR_RESIDENT = "me", "someone", "resident"


class RequestForm(forms.Form):
    """The guided "ask for help" form: a few questions in plain words, with examples."""

    title = forms.CharField(
        label=_("What do you need help with?"),
        max_length=120,
        help_text=_("In a few words. For example: “Who can hang a lamp for me?”"),
        error_messages={"required": _("Write in a few words what you need help with.")},
    )
    text = forms.CharField(
        label=_("Tell a bit more (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What, and how long it may take. Do not write your address: you share that later, "
            "in a private message."
        ),
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Topic.choices,
        initial=Topic.ODD_JOBS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what it is about.")},
    )
    when = forms.ChoiceField(
        label=_("When do you need it?"),
        choices=When.choices,
        initial=When.WEEK,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when you need it.")},
    )
    dayparts = forms.MultipleChoiceField(
        label=_("What time of day suits you? (optional)"),
        choices=Daypart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who may see your request?"),
        choices=RequestVisibility.choices,
        initial=RequestVisibility.NEIGHBOURS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may see your request.")},
    )
    # Set after the page suggested a professional once, so the second send goes through.
    sensitive_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, askers=None, viewer=None, professionals=True, **kwargs):
        """``askers``: memberships to choose from when a buurtverbinder or professional
        (``viewer``) asks for someone; None for everyone else (no such fields).
        ``professionals``: whether the neighbourhood has any (else "only professionals" is not
        offered: nobody would see it)."""
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        if not professionals:
            self.fields["visibility"].choices = [
                c for c in RequestVisibility.choices if c[0] != RequestVisibility.PROFESSIONALS
            ]
        self.on_behalf_allowed = askers is not None
        if self.on_behalf_allowed:
            self.fields["for_whom"] = forms.ChoiceField(
                label=_("Who is the request for?"),
                choices=[
                    (FOR_ME, _("For myself")),
                    (FOR_SOMEONE, _("For a neighbour who asked me to")),
                    (FOR_RESIDENT, _("For someone without an account")),
                ],
                initial=FOR_ME,
                widget=forms.RadioSelect,
            )
            # Neighbourhoods have thousands of members: no list of all of them. The name is
            # looked up when the form is sent; when several neighbours fit, the page asks which
            # one (``asker``, radio buttons of only those), keeping everything typed.
            self.fields["asker_name"] = forms.CharField(
                label=_("Name of the neighbour you ask for"),
                max_length=120,
                required=False,
                help_text=_("First name and surname, or their e-mail address."),
            )
            self.fields["asker"] = forms.ModelChoiceField(
                label=_("Which neighbour do you mean?"),
                queryset=askers,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose one of the neighbours below."),
                },
            )
            self.fields["asker"].label_from_instance = _asker_label
            self.asker_candidates: list = []
            self.fields["asker"].widget.choices = []
            self.fields["consent_method"] = forms.ChoiceField(
                label=_("How did they agree?"),
                choices=ConsentMethod.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields["consent"] = forms.BooleanField(
                label=_(
                    "They agreed that I ask for help for them, and that the helpers see their "
                    "first name and request."
                ),
                required=False,
            )
            # A resident without an account: a first name, how to reach them, until when.
            self.fields["resident_name"] = forms.CharField(
                label=_("Their first name or initials"),
                max_length=40,
                required=False,
                help_text=_("No surname. Helpers see this name with the request."),
            )
            self.fields["resident_contact"] = forms.ChoiceField(
                label=_("How do helpers reach them?"),
                choices=ResidentContact.choices,
                initial=ResidentContact.VIA_ME,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields["resident_phone"] = forms.CharField(
                label=_("Their phone number"),
                max_length=20,
                required=False,
                help_text=_("Only the helper you choose sees it."),
            )
            today = timezone.localdate()
            self.fields["resident_consent_until"] = forms.DateField(
                label=_("They agreed until"),
                initial=today + timedelta(days=RESIDENT_CONSENT_DAYS),
                required=False,
                widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                help_text=_("At most a year. After this date their name goes from the request."),
            )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Write in a few words what you need help with."))
        return title

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def clean(self):
        data = super().clean()
        if self.on_behalf_allowed and data.get("for_whom") == FOR_SOMEONE:
            self._find_asker(data)
            if not data.get("consent_method"):
                self.add_error("consent_method", _("Say how the neighbour agreed."))
            if not data.get("consent"):
                self.add_error("consent", _("Ask for someone else only when they agreed to it."))
        if self.on_behalf_allowed and data.get("for_whom") == FOR_RESIDENT:
            self._check_resident(data)
        return data

    def _check_resident(self, data) -> None:
        data["resident_name"] = " ".join(data.get("resident_name", "").split())
        data["resident_phone"] = data.get("resident_phone", "").strip()
        if not data["resident_name"]:
            self.add_error("resident_name", _("Write their first name or initials."))
        contact = data.get("resident_contact")
        if not contact:
            self.add_error("resident_contact", _("Choose how helpers reach them."))
        elif contact == ResidentContact.PHONE and not data["resident_phone"]:
            self.add_error("resident_phone", _("Write their phone number, or choose “via me”."))
        if data.get("consent_method") not in (ConsentMethod.IN_PERSON, ConsentMethod.PHONE):
            self.add_error("consent_method", _("Say how they agreed: in person or on the phone."))
        until = data.get("resident_consent_until")
        today = timezone.localdate()
        if "resident_consent_until" in self.errors:
            pass
        elif until is None or not today < until <= today + timedelta(
            days=RESIDENT_CONSENT_MAX_DAYS
        ):
            self.add_error(
                "resident_consent_until", _("Choose a date after today and within a year.")
            )
        if not data.get("consent"):
            self.add_error("consent", _("Ask for someone else only when they agreed to it."))

    def _find_asker(self, data) -> None:
        """Set ``data["asker"]`` from the radio button, or from the name when exactly one
        neighbour fits it; otherwise explain, and offer the neighbours who fit."""
        if "asker" in self.errors:
            return
        chosen = data.get("asker")
        if chosen:
            self._offer([chosen])
            return
        name = " ".join(data.get("asker_name", "").split())
        if not name:
            self.add_error("asker_name", _("Write the name of the neighbour you ask for."))
            return
        found = list(find_members(self.viewer, name, among=self.fields["asker"].queryset)[:11])
        if len(found) == 1:
            data["asker"] = found[0]
            self._offer(found)
        elif not found:
            self.add_error(
                "asker_name",
                _(
                    "We found no verified neighbour called “%(name)s”. Check the spelling, or "
                    "help them join the neighbourhood first."
                )
                % {"name": name},
            )
        else:
            self._offer(found[:10])
            self.add_error(
                "asker",
                _("More neighbours are called “%(name)s”. Choose who you mean.") % {"name": name},
            )

    def _offer(self, memberships: list) -> None:
        self.asker_candidates = memberships
        self.fields["asker"].widget.choices = [(m.pk, _asker_label(m)) for m in memberships]

    @property
    def for_someone(self) -> bool:
        return self.on_behalf_allowed and self.cleaned_data.get("for_whom") == FOR_SOMEONE

    @property
    def for_resident(self) -> bool:
        return self.on_behalf_allowed and self.cleaned_data.get("for_whom") == FOR_RESIDENT


def _asker_label(membership) -> str:
    """A neighbour as a buurtverbinder tells them apart: name, and street or postcode."""
    profile = getattr(membership.user, "profile", None)
    where = (profile.street if profile is not None else "") or membership.postcode
    name = f"{membership.user.first_name} {membership.user.last_name}".strip()
    name = name or membership.user.display_name
    return f"{name} ({where})" if where else name


def request_initial(help_request) -> dict:
    return {
        "title": help_request.title,
        "text": help_request.text,
        "topic": help_request.topic,
        "when": help_request.when,
        "dayparts": help_request.dayparts,
        "visibility": help_request.visibility,
        "sensitive_seen": True,
    }


SLOT_CHOICES = [(s, s) for s in ALL_SLOTS]


class HelperForm(forms.Form):
    active = forms.BooleanField(
        label=_("Yes, neighbours may ask me for help"),
        required=False,
        initial=True,
        help_text=_("Switch this off when you have no time for a while. Nothing is lost."),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("What can you help with?"),
        queryset=Interest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("What do you like? (for company and doing things together)"),
        queryset=Interest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    likes_to_do = forms.CharField(
        label=_("What do you like to do for others?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In your own words. For example: “I like to hang lamps and put cupboards together. "
            "I have a drill.”"
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Which languages do you speak?"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you usually free?"),
        choices=SLOT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing if it differs from week to week."),
    )
    max_distance_km = forms.TypedChoiceField(
        label=_("How far do you want to go?"),
        choices=DISTANCE_CHOICES,
        coerce=float,
        initial=1.0,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how far you want to go.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = Interest.objects.filter(kind=Interest.Kind.SKILL)
        self.fields["interests"].queryset = Interest.objects.filter(kind=Interest.Kind.INTEREST)

    def clean(self):
        data = super().clean()
        if data.get("active") and not (
            data.get("skills") or data.get("interests") or data.get("likes_to_do")
        ):
            raise ValidationError(
                _("Tick at least one thing you can help with, or write what you like to do."),
                code="empty",
            )
        return data

    def availability_grid(self):
        """Rows of the "when are you free" grid: (day label, [(part label, checkbox), …])."""
        boxes = {box.data["value"]: box for box in self["availability"]}
        return [
            (
                day_label,
                [(part_label, boxes[f"{day}-{part}"]) for part, part_label in Daypart.choices],
            )
            for day, day_label in WEEKDAYS
        ]


def helper_initial(profile) -> dict:
    if profile is None:
        return {"active": True, "max_distance_km": 1.0}
    return {
        "active": profile.active,
        "skills": list(profile.skills.all()),
        "interests": list(profile.interests.all()),
        "likes_to_do": profile.likes_to_do,
        "languages": profile.languages,
        "availability": profile.availability,
        "max_distance_km": profile.max_distance_km,
    }


class RespondForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
    note = forms.CharField(
        label=_("A word for the asker (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChooseForm(forms.Form):
    text = forms.CharField(
        label=_("Your first message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example when it suits you. Only the two of you see this conversation."),
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=[])

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(t.target, t.label) for t in targets]


class FollowUpForm(forms.Form):
    # The page's heading asks the question; the choices are labelled as the answer to it.
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes, partly or no.")},
    )


class ThanksForm(forms.Form):
    text = forms.CharField(
        label=_("What do you want to say?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The helper gets your words by e-mail and sees them with the request."),
        error_messages={"required": _("Write a few words of thanks.")},
    )

    def __init__(self, *args, helper=None, **kwargs):
        super().__init__(*args, **kwargs)
        if helper is not None:  # the label names who is thanked
            self.fields["text"].label = _("What do you want to say to %(name)s?") % {
                "name": helper.first_name
            }

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a few words of thanks."), code="required")
        return text


class SuggestForm(forms.Form):
    helper = forms.ModelChoiceField(
        label=_("Which neighbour do you want to ask?"),
        queryset=None,
        empty_label=_("Choose a neighbour"),
        error_messages={"required": _("Choose a neighbour.")},
    )
    note = forms.CharField(
        label=_("Why this neighbour? (for yourself, optional)"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = choices
        self.fields["helper"].label_from_instance = lambda m: m.user.display_name


class HandOverForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Which colleague do you hand it to?"),
        queryset=None,
        empty_label=_("Choose a colleague"),
        error_messages={"required": _("Choose a colleague.")},
    )
    note = forms.CharField(
        label=_("A note for your colleague (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only your colleague sees it, in the e-mail and with the request."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = choices
        self.fields["colleague"].label_from_instance = lambda m: (
            f"{m.user.display_name} ({m.organisation.name})"
            if m.organisation
            else m.user.display_name
        )
