"""Forms of referrals: short and sure, for professionals on a busy day. The rules that need the
database (a member's search, the consent dates) are in the actions and ``clean``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtplein.accounts.selectors import find_members
from buurtplein.referrals.models import MAX_QUESTION, ConsentHow, State

MEMBER_CHOICES = 10
DEFAULT_CONSENT_DAYS = 90


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


class ReferForm(forms.Form):
    WHO = [
        ("resident", _("A resident without an account")),
        ("member", _("A member of this neighbourhood")),
    ]
    service = forms.IntegerField(widget=forms.HiddenInput)
    help = forms.IntegerField(widget=forms.HiddenInput, required=False)
    who = forms.ChoiceField(label=_("Who do you refer?"), choices=WHO, widget=forms.RadioSelect)
    member_query = forms.CharField(
        label=_("Name of the member"),
        required=False,
        max_length=100,
        help_text=_("First name and last name, or their e-mail address."),
    )
    member = forms.ChoiceField(label=_("Which member?"), required=False, widget=forms.RadioSelect)
    person_name = forms.CharField(label=_("Name"), required=False, max_length=120)
    person_phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    via_referrer = forms.BooleanField(
        label=_("No phone number: contact goes through me"), required=False
    )
    question = forms.CharField(
        label=_("The question in one or two sentences"),
        required=False,
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what the organisation needs to know to get in touch."),
    )
    shares_question = forms.BooleanField(
        label=_("The person agrees that the question is shared"), required=False, initial=True
    )
    shares_contact = forms.BooleanField(
        label=_("The person agrees that their contact details are shared"),
        required=False,
        initial=True,
    )
    consent_how = forms.ChoiceField(
        label=_("How did the person give consent?"),
        choices=[
            (ConsentHow.IN_PERSON, ConsentHow.IN_PERSON.label),
            (ConsentHow.PHONE, ConsentHow.PHONE.label),
            (ConsentHow.APP, ConsentHow.APP.label),
            (ConsentHow.CHAT, ConsentHow.CHAT.label),
        ],
        widget=forms.RadioSelect,
    )
    consent_until = forms.DateField(label=_("Consent until"), widget=DateInput)

    def __init__(self, *args, viewer, fixed_person=None, for_resident=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fixed_person = fixed_person
        self.for_resident = for_resident
        if fixed_person is not None or for_resident:
            # A help request handed over: its asker, or the resident it was asked for.
            self.fields["who"].required = False
        self.fields["consent_until"].initial = timezone.localdate() + dt.timedelta(
            days=DEFAULT_CONSENT_DAYS
        )
        self.found = []
        query = (self.data.get("member_query") or "").strip() if self.is_bound else ""
        if query and self.data.get("who") == "member":
            self.found = [m.user for m in find_members(viewer, query)[:MEMBER_CHOICES]]
        self.fields["member"].choices = [(str(u.pk), u.display_name) for u in self.found]

    def clean(self):
        data = super().clean()
        data["person"] = None
        if self.fixed_person is not None:
            data["person"] = self.fixed_person
        elif self.for_resident:
            data["who"] = "resident"
        elif data.get("who") == "member":
            chosen = data.get("member")
            found = {str(u.pk): u for u in self.found}
            # Never picked for the referrer, not even when one member fits: a loose match ("jan"
            # finds Janneke) would share the question with someone it is not about.
            if chosen and chosen in found:
                data["person"] = found[chosen]
            elif not found:
                self.add_error("member_query", _("No member found by that name. Try again."))
            else:
                self.add_error("member", _("Choose who you mean."))
        if data["person"] is None and data.get("consent_how") == ConsentHow.APP:
            # Only a member can consent in the app; for anyone else it would be a false record.
            self.add_error(
                "consent_how",
                _("Only a member can agree in the app. Choose how this person agreed."),
            )
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_(
            "Why not? The referrer, and the person it is about if they are a member, read this."
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProgressForm(forms.Form):
    step = forms.ChoiceField(
        label=_("What happened?"),
        choices=[
            ("contact", _("We had contact")),
            (State.DONE, _("Completed")),
            (State.FAILED, _("Did not work out")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Our note (only your organisation sees it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, referral=None, **kwargs):
        """With ``referral``: the note so far is in the field (saving keeps or changes it, never
        wipes it), and "we had contact" is offered only until it is recorded."""
        if referral is not None:
            kwargs.setdefault("initial", {"note": referral.note})
        super().__init__(*args, **kwargs)
        if referral is not None and referral.state == State.IN_CONTACT:
            field = self.fields["step"]
            field.choices = [c for c in field.choices if c[0] != "contact"]


class LinkForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"))
    label = forms.CharField(
        label=_("For whom is the link?"),
        max_length=120,
        help_text=_("For example: Huisartsenpraktijk De Linde."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]


class LinkReferralForm(forms.Form):
    """The public form of a referral link (welzijn op recept)."""

    person_name = forms.CharField(label=_("Name of the person"), max_length=120)
    person_phone = forms.CharField(label=_("Their phone number"), required=False, max_length=40)
    person_email = forms.EmailField(label=_("Or their e-mail address"), required=False)
    question = forms.CharField(
        label=_("The question in one or two sentences"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outside_referrer = forms.CharField(label=_("Your practice or organisation"), max_length=160)
    outside_contact = forms.CharField(
        label=_("Your phone number or e-mail address"), max_length=160
    )
    consent = forms.BooleanField(
        label=_("The person agreed that we pass this on to the organisation"), required=False
    )
