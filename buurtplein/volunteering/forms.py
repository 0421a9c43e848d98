"""Forms of volunteering: input validation only (rules that need the database are in
actions.py)."""

from datetime import date
from decimal import InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from buurtplein.volunteering.models import (
    MAX_HOURS,
    MAX_PEOPLE,
    MIN_HOURS,
    FollowUpAnswer,
    Frequency,
    HoursPer,
    Offer,
    Place,
    Suitable,
    TimeKind,
    Vacancy,
    Visibility,
)

ME = ""


class HoursField(forms.DecimalField):
    """Hours as people type them: "3", "2,5", "1.5", "3 uur"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 4)
        kwargs.setdefault("decimal_places", 1)
        kwargs.setdefault("min_value", MIN_HOURS)
        kwargs.setdefault("max_value", MAX_HOURS)
        message = _("Write a number of hours between 0,5 and 99, like 3 or 2,5.")
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Say about how many hours it takes."),
                "invalid": message,
                "min_value": message,
                "max_value": message,
                "max_decimal_places": _("Round to half hours, like 2,5."),
                "max_digits": message,
                "max_whole_digits": message,
            },
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.lower().replace("uur", "").replace("hours", "").replace("hour", "")
            value = value.replace(",", ".").replace(" ", "").replace("\u00a0", "").strip()
        try:
            return super().to_python(value)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is not None and (value * 2) % 1:
            raise ValidationError(self.error_messages["max_decimal_places"], code="half_hours")


class TopicChoiceField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose from the list.")})
        super().__init__(**kwargs)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Write a date like 2026-12-31.")}


class VacancyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For which organisation?"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Choose the organisation."),
            "invalid_choice": _("Choose one of your organisations."),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Short and clear, e.g. “Buddy for an older neighbour” or “Cook for the meal”."),
        error_messages={"required": _("Write a title.")},
    )
    task = forms.CharField(
        label=_("The task"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What will the volunteer do, with whom, and what makes it worthwhile?"),
        error_messages={"required": _("Describe the task.")},
    )
    time_kind = forms.ChoiceField(
        label=_("One-off or regular?"),
        choices=TimeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it is one-off or regular.")},
    )
    date_start = forms.DateField(
        label=_("Date (one-off)"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )
    date_end = forms.DateField(
        label=_("Until (optional, for a period)"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )
    frequency = forms.ChoiceField(
        label=_("How often (regular)"),
        choices=[("", _("Choose how often")), *Frequency.choices],
        required=False,
    )
    schedule = forms.CharField(
        label=_("When (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example: every Tuesday morning, or weekday evenings."),
    )
    hours = HoursField(label=_("Hours"))
    hours_per = forms.ChoiceField(
        label=_("Hours each time or a week (regular)"),
        choices=HoursPer.choices,
        initial=HoursPer.TIME,
        widget=forms.RadioSelect,
        required=False,
    )
    place = forms.ChoiceField(
        label=_("Where?"),
        choices=Place.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the work is.")},
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        required=False,
        help_text=_("For example: Buurthuis De Klinker, Javastraat 12."),
    )
    skills = TopicChoiceField(label=_("Skills that help"))
    interests = TopicChoiceField(label=_("Fits people who like"))
    offers = forms.MultipleChoiceField(
        label=_("What you offer the volunteer (optional)"),
        choices=Offer.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    suitable_for = forms.MultipleChoiceField(
        label=_("Also suits (optional)"),
        choices=Suitable.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    contact = forms.ChoiceField(
        label=_("Contact person"),
        required=False,
        help_text=_("Responses arrive in this person's messages."),
        error_messages={"invalid_choice": _("Choose a colleague from the list.")},
    )
    people_wanted = forms.IntegerField(
        label=_("How many people do you look for?"),
        min_value=1,
        max_value=MAX_PEOPLE,
        initial=1,
        error_messages={
            "required": _("Write how many people you look for."),
            "invalid": _("Write a whole number, like 1 or 3."),
            "min_value": _("Write a number from 1 to 50."),
            "max_value": _("Write a number from 1 to 50."),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who can see this?"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this.")},
    )

    def __init__(
        self,
        *args,
        organisations=None,
        contacts=(),
        things=None,
        vacancy: Vacancy | None = None,
        me=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy
        self.me = me
        self.contacts = {
            str(person.pk): person for _organisation, people in contacts for person in people
        }
        self.contact_orgs = {
            str(person.pk): {
                organisation.pk for organisation, people in contacts if person in people
            }
            for person in self.contacts.values()
        }
        me_label = _("Me") if me is None else _("Me (%(name)s)") % {"name": me.display_name}
        self.fields["contact"].choices = [(ME, me_label)] + [
            (
                organisation.name,
                [(str(p.pk), p.display_name) for p in people if me is None or p.pk != me.pk],
            )
            for organisation, people in contacts
            if any(me is None or p.pk != me.pk for p in people)
        ]
        things = things or {}
        english = (get_language() or "nl").startswith("en")
        name = (lambda thing: thing.name_en) if english else (lambda thing: thing.name_nl)
        for field, kind in (("skills", "skill"), ("interests", "interest")):
            self.fields[field].choices = sorted(
                ((thing.id, name(thing)) for thing in things.values() if thing.kind == kind),
                key=lambda pair: pair[1],
            )
        if vacancy is not None:
            del self.fields["organisation"]  # responses were to this organisation
        else:
            self.fields["organisation"].queryset = organisations

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Write a title."), code="required")
        return title

    def clean_task(self):
        task = self.cleaned_data["task"].strip()
        if not task:
            raise ValidationError(_("Describe the task."), code="required")
        return task

    def clean_contact(self):
        """The chosen colleague; "Me" is the person filling in the form."""
        value = self.cleaned_data.get("contact") or ME
        return self.me if value == ME else self.contacts.get(value)

    def clean(self):
        data = super().clean()
        kind = data.get("time_kind")
        start, end = data.get("date_start"), data.get("date_end")
        today = timezone.localdate()
        if kind == TimeKind.ONE_OFF:
            if start is None and "date_start" not in self.errors:
                self.add_error("date_start", _("Say on which day it is (or from which day)."))
            elif start and end and end < start:
                self.add_error("date_end", _("This date is before the start date."))
            elif start and (end or start) < today and not self._unchanged_dates(start, end):
                self.add_error(
                    "date_end" if end else "date_start", _("This date has passed already.")
                )
        elif kind == TimeKind.REGULAR and not data.get("frequency"):
            self.add_error("frequency", _("Say how often."))
        if data.get("place") == Place.ADDRESS and not (data.get("address") or "").strip():
            self.add_error("address", _("Write the address, or choose “at home or online”."))
        contact = data.get("contact")
        organisation = data.get("organisation") or getattr(self.vacancy, "organisation", None)
        if (
            contact is not None
            and contact != self.me
            and organisation is not None
            and organisation.pk not in self.contact_orgs.get(str(contact.pk), set())
        ):
            self.add_error("contact", _("Choose a colleague of the organisation you chose."))
        return data

    def _unchanged_dates(self, start: date, end: date | None) -> bool:
        """Editing a vacancy whose date has passed: keeping the dates is allowed."""
        return self.vacancy is not None and (start, end) == (
            self.vacancy.date_start,
            self.vacancy.date_end,
        )

    def topics(self) -> list[int]:
        return [*self.cleaned_data.get("skills", []), *self.cleaned_data.get("interests", [])]


def vacancy_initial(vacancy: Vacancy) -> dict:
    chosen = getattr(vacancy, "chosen_topics", None)
    if chosen is None:
        chosen = list(vacancy.topics.filter(chosen=True).select_related("interest"))
    return {
        "title": vacancy.title,
        "task": vacancy.task,
        "time_kind": vacancy.time_kind,
        "date_start": vacancy.date_start,
        "date_end": vacancy.date_end,
        "frequency": vacancy.frequency,
        "schedule": vacancy.schedule,
        "hours": vacancy.hours,
        "hours_per": vacancy.hours_per or HoursPer.TIME,
        "place": vacancy.place,
        "address": vacancy.address,
        "skills": [t.interest_id for t in chosen if t.interest.kind == "skill"],
        "interests": [t.interest_id for t in chosen if t.interest.kind == "interest"],
        "offers": vacancy.offers,
        "suitable_for": vacancy.suitable_for,
        "contact": str(vacancy.contact_id) if vacancy.contact_id else ME,
        "people_wanted": vacancy.people_wanted,
        "visibility": vacancy.visibility,
    }


class ResponseForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why you would like to do this, and when you can. Only you and the contact person "
            "see it."
        ),
        error_messages={"required": _("Write a short message.")},
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError(_("Write a short message."), code="required")
        return message


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("A personal note (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It is sent with the standard message above."),
    )


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did it lead to volunteering work?"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose yes, partly or no."),
            "invalid_choice": _("Choose yes, partly or no."),
        },
    )
    note = forms.CharField(
        label=_("Anything you want to add? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
