"""The life domains of Dutch welfare work (leefgebieden), one list for every component that
sorts help by them: the sociale kaart's services, online help's registration, reporting."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomain(models.TextChoices):
    """The life domains of Dutch welfare work (leefgebieden)."""

    HOUSING = "housing", _("Housing")
    MONEY = "money", _("Money and debts")
    HEALTH = "health", _("Care and health")
    WORK = "work", _("Work and income")
    PARENTING = "parenting", _("Parenting and growing up")
    TAKING_PART = "taking_part", _("Taking part and loneliness")
    SAFETY = "safety", _("Safety")
    TRANSPORT = "transport", _("Transport")
    LANGUAGE = "language", _("Language and digital skills")
