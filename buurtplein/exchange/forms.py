"""Forms of vraag & aanbod: input validation only (rules that need the database are in
actions.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtplein.core.forms import MultiplePhotoField, check_photos
from buurtplein.core.money import MoneyField
from buurtplein.exchange.models import (
    CATEGORIES_BY_KIND,
    Category,
    Deal,
    Direction,
    FollowUpAnswer,
    Item,
    Kind,
    OfferType,
    Visibility,
)


def category_groups():
    """Categories grouped by kind, for a <select> with <optgroup>s."""
    labels = dict(Category.choices)
    return [
        (kind_label, [(value, labels[value]) for value in CATEGORIES_BY_KIND[kind]])
        for kind, kind_label in Kind.choices
    ]


class ItemForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Do you offer something or ask for something?"),
        choices=[
            (Direction.OFFER, _("I offer something")),
            (Direction.REQUEST, _("I am looking for something")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you offer or ask.")},
    )
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what it is about.")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose a category")), *category_groups()],
        error_messages={"required": _("Choose a category.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Short and clear, e.g. “Drill to lend” or “Who walks with me on Sundays?”"),
        error_messages={"required": _("Write a title.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is it, what state is it in, what would you like? Never your address."),
    )
    deal = forms.ChoiceField(
        label=_("Give away, lend or sell? (things only)"),
        choices=Deal.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    price = MoneyField(
        label=_("Price in euros (optional, when you sell)"),
        required=False,
        help_text=_("Payment is between you and the buyer. Buurtplein handles no money."),
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative (support only)"),
        queryset=None,
        required=False,
        empty_label=_("Not in the list"),
    )
    initiative_name = forms.CharField(
        label=_("Name of the initiative, if it is not in the list"),
        max_length=120,
        required=False,
    )
    target_amount = MoneyField(
        label=_("Amount you hope for (optional)"),
        required=False,
        help_text=_(
            "Neighbours promise an amount or help. Buurtplein does not collect money: "
            "the initiative arranges that itself."
        ),
    )
    area = forms.CharField(
        label=_("Street or part of the neighbourhood (optional)"),
        max_length=80,
        required=False,
        help_text=_("Only a street name or area, never a house number."),
    )
    available_from = forms.DateField(
        label=_("Available from (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write a date like 2026-12-31.")},
    )
    available_until = forms.DateField(
        label=_("Available until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write a date like 2026-12-31.")},
    )
    availability = forms.CharField(
        label=_("When suits you? (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example: weekday evenings, Saturday morning."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see this?"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=None,
        required=False,
        empty_label=_("Myself"),
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
        help_text=_("For neighbours who cannot see the photos, e.g. “Blue drill with case”."),
    )

    def __init__(
        self,
        *args,
        organisations=None,
        initiatives=None,
        item: Item | None = None,
        existing_photos: int = 0,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.item = item
        self.existing_photos = existing_photos
        self.fields["organisation"].queryset = organisations
        self.fields["initiative"].queryset = initiatives
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        if item is not None:
            # Offer or request and the kind stay: replies and pledges were about them.
            del self.fields["direction"]
            del self.fields["kind"]
            self.fields.pop("organisation", None)
            self.fields["category"].choices = [("", _("Choose a category"))] + [
                (value, label)
                for value, label in Category.choices
                if value in CATEGORIES_BY_KIND[item.kind]
            ]

    @property
    def kind_value(self) -> str | None:
        if self.item is not None:
            return self.item.kind
        return self.cleaned_data.get("kind")

    # The rarer fields, folded into "More options" on the form; those of support for an
    # initiative too while the kind is not chosen yet (a thing's deal stays in sight).
    FOLDED = ("area", "available_from", "available_until", "availability", "visibility")
    FOLDED_OF_KIND = ("initiative", "initiative_name", "target_amount")

    @property
    def more_open(self) -> bool:
        """Whether "More options" is open: one of its fields has an error, or (a change form)
        one of them holds something other than the default."""
        kind = self.item.kind if self.item is not None else self["kind"].value()
        folded = [*self.FOLDED, "organisation", *(() if kind else self.FOLDED_OF_KIND)]
        if self.is_bound:
            return any(name in self.errors for name in folded)
        if self.item is None:
            return False
        values = {name: self.initial.get(name) for name in folded}
        return values.pop("visibility") != Visibility.MEMBERS or any(values.values())

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Write a title."), code="required")
        return title

    def clean_photos(self):
        return check_photos(self.cleaned_data.get("photos") or [], existing=self.existing_photos)

    def clean(self):
        data = super().clean()
        kind = self.kind_value
        category = data.get("category")
        if kind and category and category not in CATEGORIES_BY_KIND.get(kind, []):
            self.add_error("category", _("This category does not fit what it is about."))
        deal = data.get("deal") or ""
        if kind == Kind.THINGS and not deal and "deal" not in self.errors:
            self.add_error("deal", _("Choose whether you give it away, lend it or sell it."))
        if kind and kind != Kind.THINGS:
            data["deal"] = ""
            data["price"] = None
        elif data.get("price") is not None and deal != Deal.SELL:
            self.add_error("price", _("A price is only for things you sell."))
        if kind == Kind.MONEY:
            data["direction"] = Direction.REQUEST  # an initiative asks; neighbours pledge
            if not data.get("initiative") and not (data.get("initiative_name") or "").strip():
                self.add_error(
                    "initiative_name",
                    _("Say which initiative the support is for: choose it or write its name."),
                )
        elif kind:
            data["initiative"] = None
            data["initiative_name"] = ""
            data["target_amount"] = None
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("This date is before the start date."))
        return data


def item_initial(item: Item) -> dict:
    return {
        "category": item.category,
        "title": item.title,
        "description": item.description,
        "deal": item.deal,
        "price": item.price,
        "initiative": item.initiative_id,
        "initiative_name": item.initiative_name,
        "target_amount": item.target_amount,
        "area": item.area,
        "available_from": item.available_from,
        "available_until": item.available_until,
        "availability": item.availability,
        "visibility": item.visibility,
    }


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message.")},
        help_text=_("Only the two of you see this conversation."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a message."), code="required")
        return text


SOMEONE_ELSE = "other"


class DoneForm(forms.Form):
    with_whom = forms.ChoiceField(
        label=_("With whom did you arrange it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose with whom you arranged it.")},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in people}
        self.fields["with_whom"].choices = [
            (pk, person.display_name) for pk, person in self.people.items()
        ] + [(SOMEONE_ELSE, _("Someone else, or not via Buurtplein"))]

    def chosen(self):
        return self.people.get(self.cleaned_data["with_whom"])


class ThanksForm(forms.Form):
    text = forms.CharField(
        label=_("Your thank-you"),
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a short thank-you.")},
        help_text=_("A few words, shown on this page. At most 280 characters."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a short thank-you."), code="required")
        return text


class PledgeForm(forms.Form):
    amount = MoneyField(label=_("Amount in euros (optional)"), required=False)
    in_kind = forms.CharField(
        label=_("Help in kind (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: “I bake two cakes” or “I help on Saturday”."),
    )

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and data.get("amount") is None
            and not (data.get("in_kind") or "").strip()
        ):
            raise ValidationError(_("Write an amount, or the help you offer, or both."))
        return data


class OrgPledgeForm(forms.Form):
    giver = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Choose your organisation.")},
    )
    receiver = forms.ModelChoiceField(
        label=_("Offer to"),
        queryset=None,
        empty_label=_("Choose an organisation"),
        error_messages={
            "required": _("Choose the organisation you offer it to."),
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    offer_type = forms.ChoiceField(
        label=_("What kind of help?"),
        choices=OfferType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of help you offer.")},
    )
    title = forms.CharField(
        label=_("What do you offer?"),
        max_length=120,
        help_text=_("For example: “Two volunteers for the neighbourhood clean-up”."),
        error_messages={"required": _("Say what you offer.")},
    )
    description = forms.CharField(
        label=_("Explanation (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    hours = forms.IntegerField(
        label=_("Hours (optional)"),
        min_value=1,
        max_value=10000,
        required=False,
        error_messages={
            "invalid": _("Write a whole number of hours."),
            "min_value": _("Write at least 1 hour."),
            "max_value": _("Write at most 10000 hours."),
        },
    )
    value = MoneyField(label=_("Value in euros (optional)"), required=False)

    def __init__(self, *args, givers=None, receivers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["giver"].queryset = givers
        self.fields["receiver"].queryset = receivers

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Say what you offer."), code="required")
        return title

    def clean(self):
        data = super().clean()
        giver, receiver = data.get("giver"), data.get("receiver")
        if giver and receiver and giver.pk == receiver.pk:
            self.add_error("receiver", _("Choose another organisation than your own."))
        return data


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did it happen?"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )
