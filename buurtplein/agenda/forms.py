"""Forms of the agenda: input validation only (rules that need the database or the clock are
in actions.py). The schedule is plain choices; ``clean()`` turns them into an RRULE."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from buurtplein.agenda import recurrence
from buurtplein.agenda.models import (
    MAX_CAPACITY,
    MAX_COST,
    MAX_PARTY,
    NOTE_MAX,
    Activity,
    TargetGroup,
    Visibility,
)
from buurtplein.core.forms import check_photos
from buurtplein.core.money import MoneyField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_ERRORS = {"invalid": _("Write a date like 2026-12-31.")}
SIGN_UP, DROP_IN = "sign_up", "drop_in"


class CostField(MoneyField):
    """Euros as people type them (the one money field of core); 0 means free, like empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_COST)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Write an amount in euros, like 25 or 12,50."),
                "min_value": _("The amount must be more than 0."),
                "max_value": _("The amount can be at most € 1.000."),
                "max_decimal_places": _("Use at most two digits after the comma."),
                "max_digits": _("The amount can be at most € 1.000."),
                "max_whole_digits": _("The amount can be at most € 1.000."),
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        amount = super().to_python(value)
        return None if amount is not None and amount == Decimal("0") else amount


def _weekday_choices():
    return [(str(day), capfirst(name)) for day, name in recurrence.WEEKDAY_CHOICES]


class ActivityForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Short and clear, e.g. “Bewegen voor ouderen” or “Taalcafé”."),
        error_messages={"required": _("Write a title.")},
    )
    description = forms.CharField(
        label=_("What is it?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will you do, what should people bring, who can they ask?"),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=None,
        required=False,
        empty_label=_("Myself"),
        error_messages={"invalid_choice": _("Choose an organisation you work for.")},
    )
    start_date = forms.DateField(
        label=_("Date (the first one, when it repeats)"),
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Choose the date.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=TIME_WIDGET,
        error_messages={
            "invalid": _("Write a time like 10:00."),
            "required": _("Write when it starts."),
        },
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=TIME_WIDGET,
        error_messages={
            "invalid": _("Write a time like 11:30."),
            "required": _("Write when it ends."),
        },
    )
    repeat = forms.ChoiceField(
        label=_("How often?"),
        choices=recurrence.REPEAT_CHOICES,
        initial=recurrence.ONCE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often it is.")},
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On which days?"),
        choices=_weekday_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing chosen: the day of the date above."),
        error_messages={"invalid_choice": _("Choose days from the list.")},
    )
    nth = forms.TypedChoiceField(
        label=_("Which one of the month?"),
        choices=[("", "—"), *recurrence.NTH_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    nth_weekday = forms.TypedChoiceField(
        label=_("Which day?"),
        choices=[("", _("The day of the date above")), *_weekday_choices()],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a day from the list.")},
    )
    ends = forms.ChoiceField(
        label=_("Until when?"),
        choices=recurrence.END_CHOICES,
        initial=recurrence.NEVER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose until when it repeats.")},
    )
    until = forms.DateField(
        label=_("Last date"),
        widget=DATE_WIDGET,
        required=False,
        error_messages=DATE_ERRORS,
    )
    count = forms.IntegerField(
        label=_("How many times?"),
        min_value=2,
        max_value=recurrence.MAX_COUNT,
        required=False,
        error_messages={
            "invalid": _("Write a whole number, like 10."),
            "min_value": _("Write at least 2 times."),
            "max_value": _("Write at most 200 times."),
        },
    )
    place_name = forms.CharField(
        label=_("Place"),
        max_length=120,
        required=False,
        help_text=_("For example: Buurthuis De Lindenberg, the park, Repair Café."),
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    wheelchair_accessible = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    hearing_loop = forms.BooleanField(label=_("There is a hearing loop"), required=False)
    accessibility_note = forms.CharField(
        label=_("More about accessibility (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: one step at the door, toilet on the ground floor."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("For whom?"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    cost = CostField(
        label=_("Cost in euros"),
        required=False,
        help_text=_("Leave it empty when it is free."),
    )
    cost_note = forms.CharField(
        label=_("About the cost (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example: incl. coffee, or pay at the door."),
    )
    signup = forms.ChoiceField(
        label=_("Signing up"),
        choices=[
            (SIGN_UP, _("People sign up (you see who comes)")),
            (DROP_IN, _("Just drop in: no signing up")),
        ],
        initial=SIGN_UP,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether people sign up.")},
    )
    capacity = forms.IntegerField(
        label=_("How many places? (optional)"),
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_("Empty: no limit. When it is full, people can join the waiting list."),
        error_messages={
            "invalid": _("Write a whole number, like 12."),
            "min_value": _("Write at least 1 place, or leave it empty for no limit."),
            "max_value": _("Write at most 1000 places."),
        },
    )
    signup_question = forms.CharField(
        label=_("Ask something when people sign up (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "For example: “Do you have dietary wishes?” Answering is optional; you see the "
            "answers on the list of who comes."
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see this?"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this.")},
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("We remove hidden data, such as the place a photo was taken."),
    )
    photo_alt = forms.CharField(
        label=_("Describe the photo"),
        max_length=200,
        required=False,
        help_text=_("For neighbours who cannot see it, e.g. “Ten people doing exercises”."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, organisations=None, activity: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        if organisations is None or not organisations.exists() or activity is not None:
            # Who organises stays as it was made (its staff manage it).
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        if activity is None or activity.photo is None:
            del self.fields["remove_photo"]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Write a title."), code="required")
        return title

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        return check_photos([photo])[0]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        if data.get("signup") == DROP_IN:
            data["capacity"] = None
            data["signup_question"] = ""
        data["rule"] = self._rule(data)
        return data

    def _rule(self, data) -> str:
        repeat = data.get("repeat")
        first = data.get("start_date")
        if not repeat or repeat == recurrence.ONCE:
            return ""
        weekdays = tuple(int(day) for day in data.get("weekdays") or ())
        if repeat in (recurrence.WEEKLY, recurrence.BIWEEKLY) and not weekdays and first:
            weekdays = (first.isoweekday(),)
        nth, nth_weekday = data.get("nth"), data.get("nth_weekday")
        if repeat == recurrence.MONTHLY:
            if nth is None and "nth" not in self.errors:
                self.add_error("nth", _("Choose which one of the month, e.g. the 2nd."))
            if nth_weekday is None and first:
                nth_weekday = first.isoweekday()
        ends = data.get("ends") or recurrence.NEVER
        until, count = data.get("until"), data.get("count")
        if ends == recurrence.UNTIL and not until and "until" not in self.errors:
            self.add_error("until", _("Choose the last date."))
        elif ends == recurrence.UNTIL and until and first and until < first:
            self.add_error("until", _("This date is before the first date."))
        if ends == recurrence.COUNT and count is None and "count" not in self.errors:
            self.add_error("count", _("Write how many times."))
        if self.errors or not first:
            return ""
        return recurrence.build_rule(
            recurrence.Schedule(
                repeat=repeat,
                weekdays=weekdays,
                nth=nth,
                nth_weekday=nth_weekday,
                ends=ends,
                until=until if ends == recurrence.UNTIL else None,
                count=count if ends == recurrence.COUNT else None,
            )
        )


def activity_initial(activity: Activity) -> dict:
    schedule = recurrence.schedule_from_rule(activity.rrule)
    return {
        "title": activity.title,
        "description": activity.description,
        "start_date": activity.start_date,
        "start_time": activity.start_time,
        "end_time": activity.end_time,
        "repeat": schedule.repeat,
        "weekdays": [str(day) for day in schedule.weekdays],
        "nth": schedule.nth,
        "nth_weekday": schedule.nth_weekday,
        "ends": schedule.ends,
        "until": schedule.until,
        "count": schedule.count,
        "place_name": activity.place_name,
        "address": activity.address,
        "wheelchair_accessible": activity.wheelchair_accessible,
        "hearing_loop": activity.hearing_loop,
        "accessibility_note": activity.accessibility_note,
        "target_groups": activity.groups,
        "cost": activity.cost,
        "cost_note": activity.cost_note,
        "signup": SIGN_UP if activity.signup_required else DROP_IN,
        "capacity": activity.capacity,
        "signup_question": activity.signup_question,
        "visibility": activity.visibility,
        "photo_alt": activity.photo.alt_text if activity.photo else "",
    }


class RsvpForm(forms.Form):
    party_size = forms.TypedChoiceField(
        label=_("With how many people?"),
        choices=[(n, str(n)) for n in range(1, MAX_PARTY + 1)],
        coerce=int,
        initial=1,
        error_messages={
            "required": _("Choose with how many people you come."),
            "invalid_choice": _("Choose 1 to 4 people."),
        },
    )


class RsvpNoteForm(RsvpForm):
    """Signing up for an activity that asks a question: the answer (optional) as well."""

    note = forms.CharField(
        max_length=NOTE_MAX,
        required=False,
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )

    def __init__(self, *args, question: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = question
        self.fields["note"].help_text = _("Optional. Only the organiser sees your answer.")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("A message for the people who signed up (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the teacher is ill. We are sorry!"),
    )


class MoveForm(forms.Form):
    day = forms.DateField(
        label=_("New date"),
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Choose the new date.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=TIME_WIDGET,
        error_messages={
            "invalid": _("Write a time like 10:00."),
            "required": _("Write when it starts."),
        },
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=TIME_WIDGET,
        error_messages={
            "invalid": _("Write a time like 11:30."),
            "required": _("Write when it ends."),
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return data
