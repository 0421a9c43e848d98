"""Template tags every Buurtplein template can use (loaded as a builtin)."""

import re
from datetime import datetime, timedelta
from functools import lru_cache

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext

from buurtplein.core import icons
from buurtplein.core.permissions import can as _can
from buurtplein.core.permissions import viewer_for
from buurtplein.core.urls import nb_reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def nburl(context, name, *args, **kwargs):
    """``{% nburl "square:post" pk=post.pk %}``: a URL in the current neighbourhood.

    Pass ``neighbourhood=other`` to link into another neighbourhood.
    """
    request = context.get("request")
    neighbourhood = kwargs.pop("neighbourhood", None) or getattr(request, "neighbourhood", None)
    return nb_reverse(name, neighbourhood, request=request, args=args or None, kwargs=kwargs)


@register.simple_tag(takes_context=True)
def can(context, perm, obj=None):
    """``{% can "square.post.edit" post as can_edit %}``: ask the permission chain."""
    request = context.get("request")
    return _can(viewer_for(request), perm, obj)


@register.inclusion_tag("core/_nav.html", takes_context=True)
def main_nav(context):
    """The neighbourhood's main navigation (``core.navigation``)."""
    from buurtplein.core.navigation import main_navigation

    return {"nav": main_navigation(context["request"])}


@register.simple_tag
def icon(name, size=24, label=""):
    return _icon(str(name), int(size), str(label))


@lru_cache(maxsize=512)
def _icon(name: str, size: int, label: str) -> str:
    href = static(icons.SPRITE)
    return mark_safe(icons.svg(name, size, escape(label), href))  # noqa: S308 - fixed markup


@register.filter
def initials(name):
    parts = [p for p in str(name).split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


@register.filter
def ago(value):
    """``{{ post.created_at|ago }}``: how long ago, in one unit, the way people say it: "just
    now" under a minute, else the largest unit only ("5 hours ago", not "5 hours, 24 minutes
    ago"). Use it wherever Django's ``timesince`` would be."""
    if not value:
        return ""
    if timezone.now() - value < timedelta(minutes=1):
        return gettext("just now")
    return gettext("%(time)s ago") % {"time": timesince(value, depth=1)}


@register.filter(is_safe=True)
def one_full_stop(text):
    """A sentence that ends in a name ending in a full stop ("Els B.") gets one full stop, not
    two: "You are logged in as Els B." (``{% blocktranslate asvar text %}…{% endblocktranslate
    %}{{ text|one_full_stop }}``). An ellipsis stays."""
    text = str(text)
    if text.endswith("..") and not text.endswith("..."):
        return text[:-1]
    return text


@register.filter
def isotime(value):
    """A moment for ``<time datetime>``: ISO 8601 in the local time zone, in whole seconds.

    Django's ``date:'c'`` gives six fractional digits, which HTML does not allow (at most three).
    """
    if not value:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def tel(value):
    """A phone number for ``href="tel:…"``: only its digits and a leading +, as URLs allow
    (``06 12 34 56 78`` → ``0612345678``); the page still shows it as typed."""
    value = str(value or "").strip()
    digits = re.sub(r"\D", "", value)
    return f"+{digits}" if value.startswith("+") else digits
