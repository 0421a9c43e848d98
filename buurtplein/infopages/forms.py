"""Forms of the information pages: input validation only (the tree rules, web addresses and
edit conflicts are checked in actions.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from buurtplein.infopages.facts import check_facts
from buurtplein.infopages.models import RESERVED_SLUGS, InfoPage, Visibility

MARKDOWN_HELP = _(
    "New paragraph: an empty line. A heading: “# ” at the start of a line (“## ” for a smaller "
    "one). **Bold**, *italic*, a list with “- ” at the start of each line, a link as "
    "[text](https://…). A table: lines like “| Day | Open |”, the second line “|---|---|”."
)
FACTS_HELP = _(
    "Optional. One per line, a name, a colon and the value, e.g. “Telefoon: 024 123 45 67” or "
    "“Open: ma t/m vr 9.00–17.00 uur”. Phone numbers become a link that calls them."
)


class ParentChoiceField(forms.ModelChoiceField):
    """A page of the tree, shown indented by its level."""

    def __init__(self, *args, depths=None, **kwargs):
        self.depths = depths or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return "— " * (self.depths.get(obj.pk, 1) - 1) + obj.title


def _parent_field(choices):
    """``choices``: (page, depth) pairs from ``selectors.parent_choices``."""
    field = ParentChoiceField(
        label=_("Under which page?"),
        queryset=InfoPage.objects.none(),
        required=False,
        empty_label=_("At the top (a main page)"),
        depths={page.pk: depth for page, depth in choices},
        error_messages={
            "invalid_choice": _(
                "This place is not possible: a page cannot go under itself or its own "
                "sub-pages, and pages go at most three levels deep."
            )
        },
        help_text=_("Pages go at most three levels deep."),
    )
    ids = [page.pk for page, _depth in choices]
    field.queryset = InfoPage.objects.filter(pk__in=ids)
    # Keep the tree order of the choices.
    by_id = {page.pk: page for page, _depth in choices}
    field.choices = [("", field.empty_label)] + [
        (page_id, field.label_from_instance(by_id[page_id])) for page_id in ids
    ]
    return field


class _TextFields(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Short and clear, e.g. “Afval: wanneer gaat welke container aan de straat”."),
        error_messages={"required": _("Write a title.")},
    )
    facts = forms.CharField(
        label=_("Quick facts"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=FACTS_HELP,
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=MARKDOWN_HELP,
    )
    note = forms.CharField(
        label=_("What did you change? (optional)"),
        required=False,
        max_length=200,
        help_text=_("A few words for the history, e.g. “Gft-container gaat nu op dinsdag”."),
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Write a title."), code="required")
        return title

    def clean_facts(self):
        return check_facts(self.cleaned_data.get("facts") or "")


class PageCreateForm(_TextFields):
    slug = forms.CharField(
        label=_("Web address (optional)"),
        required=False,
        max_length=60,
        help_text=_(
            "Only small letters, digits and dashes, e.g. “afval”. Leave it empty and we make "
            "one from the title. It stays the same when the page moves."
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read this page?"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can read this page.")},
    )
    field_order = ["title", "parent", "visibility", "facts", "body", "slug", "note"]

    def __init__(self, *args, parent_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"] = _parent_field(parent_choices)
        self.order_fields(self.field_order)
        self.fields["note"].label = _("A note for the history (optional)")
        self.fields["note"].help_text = ""

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if not slug:
            return ""
        try:
            validate_slug(slug)
        except ValidationError:
            raise ValidationError(
                _("Use only small letters, digits and dashes, e.g. “wie-bel-je-waarvoor”."),
                code="invalid",
            ) from None
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This web address is reserved: choose another."))
        return slug


class PageEditForm(_TextFields):
    base_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        raw = str(self.data.get("base_version", "") if self.is_bound else "")
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError(
                _("This form is out of date. Copy your text, open the page again and edit it.")
            )
        data["base_version"] = int(raw)
        return data


class PageSettingsForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can read this page?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can read this page.")},
    )

    def __init__(self, *args, parent_choices=(), owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"] = _parent_field(parent_choices)
        self.owners = {str(person.pk): person for person in owners}
        self.fields["owner"] = forms.ChoiceField(
            label=_("Kept up to date by"),
            choices=[("", _("Choose a person"))]
            + [(pk, person.display_name) for pk, person in self.owners.items()],
            help_text=_(
                "This person gets an e-mail when the page has not been checked for six months."
            ),
            error_messages={
                "required": _("Choose who keeps this page up to date."),
                "invalid_choice": _(
                    "Choose a buurtverbinder, professional or admin of this neighbourhood."
                ),
            },
        )
        self.order_fields(["parent", "visibility", "owner"])

    def chosen_owner(self):
        return self.owners.get(self.cleaned_data["owner"])
