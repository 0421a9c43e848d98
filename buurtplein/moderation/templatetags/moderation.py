"""``{% hidden_note obj as hidden %}``: why a thing is hidden (``selectors.hidden_note``); used by
``moderation/_hidden_note.html``, which a component includes on its detail page with
``object=…`` (shown only to whom still sees a hidden thing: its author, the buurtverbinders)."""

from django import template

from buurtplein.moderation.selectors import hidden_note as _hidden_note

register = template.Library()


@register.simple_tag
def hidden_note(obj):
    return _hidden_note(obj)
