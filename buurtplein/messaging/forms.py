"""Forms of messaging: input only; the rules (blocked, participant) live in the actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtplein.messaging.actions import MAX_LENGTH


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write a message first."),
            "max_length": _("Your message is too long: at most %(limit_value)d characters."),
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write a message first."), code="required")
        return text
