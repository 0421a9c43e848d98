"""Factories of feedback (give ``neighbourhood``)."""

import datetime as dt

import factory
from django.utils import timezone

from buurtplein.core.workdays import add_working_days
from buurtplein.feedback.models import Answer, Complaint


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    moment = "buurthulp.finished"
    score = 9


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    name = factory.Sequence(lambda n: f"Bewoner {n}")
    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    text = "Ik werd drie keer niet teruggebeld."
    received_at = factory.LazyFunction(timezone.now)
    acknowledge_by = factory.LazyAttribute(lambda o: add_working_days(o.received_at, 5))
    deadline = factory.LazyAttribute(lambda o: o.received_at + dt.timedelta(weeks=6))
