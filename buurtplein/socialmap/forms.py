"""Forms of the sociale kaart: a service (what matters first, the rest under "Meer opties"),
its places and weekly hours (two small formsets on the same page, no JavaScript needed), and a
professional's card."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from buurtplein.accounts.models import LANGUAGE_CHOICES
from buurtplein.socialmap.actions import SERVICE_FIELDS, Period, Place
from buurtplein.socialmap.models import Hours, LifeDomain, Professional, Service, TargetGroup

PLACES_EXTRA = 1
PERIODS_EXTRA = 2


def _max(name: str) -> int:
    return Service._meta.get_field(name).max_length


class ServiceForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)
    name = forms.CharField(label=_("Name of the service"), max_length=_max("name"))
    summary = forms.CharField(
        label=_("What it does, in one sentence"),
        max_length=_max("summary"),
        help_text=_("For example: we help you open your post and make a plan for your debts."),
    )
    life_domains = forms.MultipleChoiceField(
        label=_("Life domains"),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where people look for help like yours."),
    )
    description = forms.CharField(
        label=_("More about it"),
        required=False,
        max_length=_max("description"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=_max("phone"))
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    people = forms.TypedMultipleChoiceField(
        label=_("Who gives it"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Residents find these people with the service."),
    )
    # More options.
    target_groups = forms.MultipleChoiceField(
        label=_("For whom"),
        required=False,
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    costs = forms.CharField(
        label=_("Costs"),
        required=False,
        max_length=_max("costs"),
        help_text=_("When it is not free: what it costs, and whether there is help with it."),
    )
    eligibility = forms.CharField(
        label=_("Who qualifies"),
        required=False,
        max_length=_max("eligibility"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    how_to_apply = forms.CharField(
        label=_("How to apply"),
        required=False,
        max_length=_max("how_to_apply"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    chat_url = forms.URLField(
        label=_("Online help chat"),
        required=False,
        assume_scheme="https",
        help_text=_("Where people can chat with you, if you offer that."),
    )

    FOLDED = (
        "target_groups",
        "languages",
        "is_free",
        "costs",
        "eligibility",
        "how_to_apply",
        "chat_url",
    )

    def __init__(self, *args, organisations, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["people"].choices = [(pk, name) for pk, name, _org in staff]

    @property
    def more_open(self) -> bool:
        """Whether "More options" is open: one of its fields has an error, or a change form
        has something in them other than the defaults."""
        if self.is_bound:
            return any(name in self.errors for name in self.FOLDED)
        initial = self.initial
        return bool(
            initial.get("target_groups")
            or set(initial.get("languages") or ["nl"]) != {"nl"}
            or initial.get("is_free") is False
            or any(initial.get(name) for name in ("costs", "eligibility", "how_to_apply"))
            or initial.get("chat_url")
        )

    def clean(self):
        data = super().clean()
        if data.get("is_free") is False and not data.get("costs") and self.is_bound:
            self.add_error("costs", _("Say what it costs, or tick “free of charge”."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in SERVICE_FIELDS}


def service_initial(service: Service | None, people: list[int] = ()) -> dict:
    if service is None:
        return {"is_free": True, "languages": ["nl"]}
    values = {name: getattr(service, name) for name in SERVICE_FIELDS}
    values["organisation"] = service.organisation_id
    values["people"] = list(people)
    return values


class PlaceForm(forms.Form):
    """One location. An empty extra row is skipped; a row with anything in it needs an
    address."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name of the place"),
        required=False,
        max_length=160,
        help_text=_("For example: Buurthuis De Klinker."),
    )
    address = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    city = forms.CharField(label=_("Town"), required=False, max_length=80)
    wheelchair = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)

    def clean(self):
        data = super().clean()
        filled = any(
            data.get(n) for n in ("name", "postcode", "city", "wheelchair", "hearing_loop")
        )
        if filled and not data.get("address") and not data.get("DELETE"):
            self.add_error("address", _("Fill in the street and number."))
        return data

    def place(self) -> Place | None:
        data = self.cleaned_data
        if not data or data.get("DELETE") or not data.get("address"):
            return None
        return Place(
            pk=data.get("pk"),
            name=data["name"],
            address=data["address"],
            postcode=data["postcode"],
            city=data["city"],
            wheelchair=data["wheelchair"],
            hearing_loop=data["hearing_loop"],
        )


class PeriodForm(forms.Form):
    """One weekly period ("Tuesday 9:00–12:00, walk-in"). An empty extra row is skipped."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Hours.Kind.choices)
    weekday = forms.TypedChoiceField(
        label=_("Day"), choices=[("", "—"), *Hours.Weekday.choices], coerce=int, required=False
    )
    opens_at = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.TypedChoiceField(label=_("Where"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=120)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Every place")), *places]
        if len(places) <= 1:
            self.fields["place"].widget = forms.HiddenInput()

    def has_changed(self):
        # The kind always has a value: a row counts as filled in only by its day or times.
        return any(self[name].value() for name in ("weekday", "opens_at", "closes_at", "note"))

    def clean(self):
        data = super().clean()
        if not self.has_changed() or data.get("DELETE"):
            return data
        for name in ("weekday", "opens_at", "closes_at"):
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, _("Fill in the day and the times."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("The end comes after the start."))
        return data

    def period(self) -> Period | None:
        data = self.cleaned_data
        if not data or data.get("DELETE") or data.get("weekday") in (None, ""):
            return None
        return Period(
            kind=data["kind"],
            weekday=data["weekday"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            place=data.get("place"),
            note=data["note"],
        )


PlaceFormSet = formset_factory(PlaceForm, extra=PLACES_EXTRA, can_delete=True, max_num=20)
PeriodFormSet = formset_factory(PeriodForm, extra=PERIODS_EXTRA, can_delete=True, max_num=60)


def place_choices(places_data: list[dict], total: int) -> list[tuple[int, str]]:
    """The places a period can be at: the rows of the places formset, by index."""
    choices = []
    for index in range(total):
        row = places_data[index] if index < len(places_data) else {}
        label = row.get("name") or row.get("address") or _("Place %(n)s") % {"n": index + 1}
        choices.append((index, str(label)))
    return choices


class CardForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("I work for"), empty_label=None)

    class Meta:
        model = Professional
        fields = ["organisation", "job_title", "working_area", "reachable", "phone"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
