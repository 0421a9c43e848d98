"""The component registry (after Decidim's ``register_component`` and pretix's plugin meta).

Every feature app declares one :class:`Component` as ``component`` on its AppConfig. A
neighbourhood switches components on or off; pages and permissions of a switched-off component
answer 404 for that neighbourhood. The registry is read-only after start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps

if TYPE_CHECKING:
    from buurtplein.core.models import Neighbourhood
    from buurtplein.core.retention import RetentionRule


@dataclass(frozen=True)
class NavItem:
    """An entry of the main navigation that a component contributes."""

    label: Any
    """What the link says (lazy gettext)."""
    url_name: str
    icon: str
    perm: str = ""
    """Shown only to whom the permission chain allows it (the same permission as the page)."""
    primary: bool = False
    """Always in sight; the others fold into "More"."""
    order: int = 50
    """Place in the navigation (lower comes first)."""
    count: Callable[..., int] | None = None
    """``count(request) -> int``: a number shown beside the label when it is not zero (open
    reports for a buurtverbinder); one query at most."""
    current: str | tuple[str, ...] = ""
    """What marks it as the current page: a view name (``"square:search"``), or several, where
    one ending in ``*`` stands for every view name it begins (``"onlinehulp:console*"``); by
    default every page of the URL's namespace (``exchange:…``)."""


@dataclass(frozen=True)
class OrganisationTool:
    """A link for whoever runs an organisation's page (a club's board): to this component's
    create page with the organisation chosen ("Plan an activity")."""

    label: Any
    url_name: str
    icon: str
    query: str = "?organisation={pk}"
    """Appended to the URL; ``{pk}`` is the organisation's id."""


@dataclass(frozen=True)
class OrganisationBlock:
    """A block a component adds to an organisation's pages: the organisation page (accounts)
    and a club's page (clubs), as ``home_template`` adds one to the home. The pages render the
    blocks of the components switched on in the neighbourhood, by ``order``, and import none
    of them (``core.organisation_blocks``)."""

    template: str
    """Rendered with the page's context (``organisation``, ``viewer``, ``may_edit``: the viewer
    runs this page; ``club_page``: it is a club's page) and ``block``: what ``context``
    returned."""
    context: Callable[..., dict]
    """``context(organisation, neighbourhood, viewer) -> dict``, through the component's
    selectors; called only when the block is rendered (a block from the cache reads nothing)
    and with a constant number of queries."""
    version: Callable[..., str] | None = None
    """``version(organisation, neighbourhood) -> str``: the cache generation of what the block
    shows to a visitor (``core.cache``). A page caches its visitors' blocks as HTML only when
    every block has one."""
    order: int = 50
    """Place on the page (lower comes first)."""
    pages: tuple[str, ...] = ("organisation", "club")
    """On which pages: ``"organisation"`` (accounts) and/or ``"club"`` (clubs)."""
    tool: OrganisationTool | None = None
    """The board's link to add something here (on a club's page, for its board)."""


@dataclass(frozen=True)
class ProfileBlock:
    """A block a component adds to a person's profile page in a neighbourhood (accounts'
    ``nb:member``): a professional's card and the services they give (socialmap). The page
    renders the blocks of the components switched on in the neighbourhood, by ``order``, and
    imports none of them (``core.profile_blocks``)."""

    template: str
    """Rendered with the page's context (``person``: the user whose profile it is,
    ``member``: their membership here, ``viewer``) and ``block``: what ``context``
    returned. It renders nothing when it has nothing to show."""
    context: Callable[..., dict]
    """``context(person, neighbourhood, viewer) -> dict``, through the component's selectors,
    with a constant number of queries."""
    order: int = 50
    """Place on the page (lower comes first)."""


@dataclass(frozen=True)
class ServiceAction:
    """A button another component adds to a service's page of the sociale kaart (referrals'
    "Doorverwijzen"), so that socialmap renders it without importing that component
    (``service_actions``; the page includes ``core/_service_actions.html``)."""

    label: Any
    """What the button says (lazy gettext)."""
    url_name: str
    icon: str
    perm: str
    """Shown only to whom the permission chain allows it (asked with the service)."""
    query: str = "?service={pk}"
    """Appended to the URL; ``{pk}`` is the service's id."""


@dataclass(frozen=True)
class Moderated:
    """A kind of content members can report to a buurtverbinder (the moderation queue,
    ``moderation``). A component declares its kinds as ``Component.moderated``; the queue shows
    them, hides them and tells their authors without importing the component."""

    model: str
    """``"app_label.ModelName"`` (``"square.Post"``)."""
    label: Any
    """What it is called (lazy gettext): "post", "comment"."""
    author: str = "author"
    """The field that holds the author (a user)."""
    summary: Callable[[Any], str] = str
    """``summary(obj) -> str``: one line of what it says, for the queue and the e-mails."""
    url: Callable[[Any], tuple[str, dict]] | None = None
    """``url(obj) -> (url_name, kwargs)``: where the thing is (reversed with ``nb_reverse``)."""
    select_related: tuple[str, ...] = ()
    """Relations ``summary`` and ``url`` read (the queue loads them in one query per kind)."""
    on_hide: Callable[..., None] | None = None
    """``on_hide(obj, hidden: bool, actor)``: for a component with its own way of hiding (a
    club's ``HIDDEN`` state), called when moderation hides or shows the thing again; its list
    and detail selectors then need no filter of their own."""


@dataclass(frozen=True)
class SearchHit:
    """One thing the neighbourhood's search found (``core.search``)."""

    title: str
    line: str
    """One line of what it is or says (plain text; the page shortens it)."""
    url_name: str
    """Where it is, reversed with ``nb_reverse`` by the search page."""
    url_kwargs: dict = field(default_factory=dict)
    date: Any = None
    """A date or moment worth showing (an activity's next date, when a post was written), or
    None."""


@dataclass(frozen=True)
class SearchFound:
    """What one kind found: the first hits, best first, and how many there are in all."""

    hits: list[SearchHit]
    total: int


@dataclass(frozen=True)
class SearchPart:
    """A kind of thing a component lets the neighbourhood's search find (``Component.search``).
    The search page (``core.views.search``) asks every part of the components switched on in
    the neighbourhood and groups what they find by kind; it imports none of them."""

    kind: str
    """A short id, unique over all parts (``"square.post"``); also the group's anchor."""
    label: Any
    """What the group is called (lazy gettext, plural): "Posts", "Clubs"."""
    find: Callable[..., SearchFound]
    """``find(viewer, query, limit) -> SearchFound``: the things of this kind that fit
    ``query`` and that the viewer may see: the component's own readable queryset (its
    visibility rules, ``moderation.selectors.without_hidden``), matched with
    ``core.search.matching`` on its stored search words. A constant number of queries,
    whatever the number of rows."""
    perm: str = ""
    """Asked only of whom the permission chain allows it (the permission of the kind's list)."""
    more_url: str = ""
    """The component's own search or list page for "more of this kind" (empty: none)."""
    more_query: bool = False
    """Whether that page takes the query as ``?q=``."""
    order: int = 50
    """Place of the group on the page (lower comes first)."""
    model: str = ""
    """``"app_label.Model"``: the model whose stored search words ``find`` matches with
    ``core.search.matching``, every row of it in one neighbourhood (its ``neighbourhood``).
    The search first asks, for all such parts in one query, whether any row of the
    neighbourhood has the words (``core.search.kinds_with_words``) and calls ``find`` only
    for those. Empty: ``find`` is always called (it finds in other ways too)."""
    reindex_organisation: Callable[..., None] | None = None
    """``reindex_organisation(organisation)``: store the search words again of this kind's
    things whose words hold the organisation's name (every neighbourhood), after it was
    renamed (``core.search.organisation_renamed``). None: the name is not in its words."""


@dataclass(frozen=True)
class Figure:
    """A figure a component contributes to the reports (``reporting``): what one key of its
    ``counts`` means. The report shows the components' figures by ``section``, in the order
    they are declared, and imports none of the components."""

    key: str
    """Unique over all components, led by the component's label (``"buurthulp.asked"``)."""
    label: Any
    """What the figure is called in a report (lazy gettext, B1): "Hulpvragen gesteld"."""
    section: str
    """The report's section (``reporting.sections.SECTIONS``): ``"members"``, ``"square"``,
    ``"help"``, ``"exchange"``, ``"activities"``, ``"clubs"``, ``"volunteering"``,
    ``"referrals"``, ``"onlinehulp"``, ``"feedback"``, ``"complaints"``, ``"registration"``."""
    kind: str = "sum"
    """How months add up to a period: ``"sum"`` (the values are added: requests asked),
    ``"stock"`` (how many there were at the end of the month — members, clubs —: a period
    shows its last month's value) or ``"ratio"`` (``scale`` × Σ value / Σ n: a mean or a
    percentage — the minutes to a first answer as value with the requests answered as n; a Net
    Promoter Score as promoters minus detractors with the answers as n and scale 100)."""
    scale: int = 1
    unit: str = ""
    """``""`` (a number of things), ``"minutes"``, ``"hours"``, ``"euros"``, ``"percent"``,
    ``"score"``: how the report writes the value."""
    chart: bool = True
    """Whether the report draws its 12-month trend as a chart (next to its table)."""
    per_organisation: bool = False
    """Whether ``counts`` also gives it per organisation (``Count.organisation_id``), so that
    an organisation's report shows it."""


@dataclass(frozen=True)
class Count:
    """One value of one figure for one month (what ``Component.counts`` returns)."""

    key: str
    value: int
    n: int = 0
    """For a ``"ratio"`` figure: what the value is divided by (summed over months too)."""
    organisation_id: int | None = None
    """None: the neighbourhood's figure; an organisation's id: its share (the report of that
    organisation), only for figures declared ``per_organisation``."""


@dataclass(frozen=True)
class Counted:
    """A model whose rows a component's ``counts`` reads: when a row of it is saved or deleted,
    the months of ``dates`` on that row are counted again (``reporting.counting``), so the count
    tables stay equal to the rows through every action, erasure included. Writes that send no
    signal (``QuerySet.update``, raw SQL) are caught up by the nightly round
    (``manage.py recount_figures``)."""

    model: str
    """``"app_label.Model"``: a tenant model (``neighbourhood`` on the row)."""
    dates: tuple[str, ...] = ("created_at",)
    """The date or date-time fields whose month a row is counted in (a request matched in
    April counts in April's "matched"); a field that is None counts in no month."""
    dates_change: bool = False
    """Whether a date of an existing row can move (an activity moved to another day): then the
    month it had when it was loaded is counted again too (the model gets a ``post_init``
    receiver, so say so only where it is true)."""


@dataclass(frozen=True)
class ReportBlock:
    """A block a component adds to a report (``reporting``) next to the figures: the stories of
    the period (stories), the complaints handled (feedback). The report renders the blocks of
    the components switched on in the scope, by ``order``, on its page, in its PDF and on its
    share link, and imports none of them."""

    template: str
    """Rendered with ``block`` (what ``context`` returned) and ``report`` (the report's scope
    and period); it must print well (the PDF) and render nothing when it has nothing."""
    context: Callable[..., dict]
    """``context(scope, start, end) -> dict``: ``scope`` has ``neighbourhood_ids`` (list),
    ``organisation_id`` (or None) and ``audience`` (``"staff"``: a professional's page;
    ``"municipality"``: the PDF and the share link, which show only what may leave the
    organisation — e.g. stories whose consent covers reports); ``start``/``end`` are the first
    days of the months the report covers (end not included). A constant number of queries."""
    order: int = 50


@dataclass(frozen=True)
class Component:
    label: str
    """Short id, also the prefix of the component's permissions (``square.post.create``)."""
    name: Any
    """Human name (lazy gettext)."""
    icon: str
    """Name of an inline SVG icon in ``core/icons``."""
    url_name: str = ""
    """The component's main page, reversed with ``nb_reverse``."""
    description: Any = ""
    default_enabled: bool = True
    home_template: str = ""
    """Partial rendered on the neighbourhood home (e.g. upcoming things); empty for none."""
    home_context: Callable[..., dict] | None = None
    """``home_context(request) -> dict`` for ``home_template``; must use a constant number of
    queries."""
    stats: Callable[[Neighbourhood], dict] | None = None
    """Totals over all time (the privacy page and the component's tests; the reports read
    ``counts`` through the count tables instead)."""
    figures: tuple[Figure, ...] = ()
    """What this component contributes to the reports (``Figure``), per month in the count
    tables."""
    counts: Callable[..., Iterable[Count]] | None = None
    """``counts(neighbourhood, start, end) -> Iterable[Count]``: the values of this component's
    ``figures`` for the month from ``start`` up to ``end`` (aware date-times, local midnight),
    read from its rows inside the neighbourhood's scope with a constant number of aggregate
    queries. A key it leaves out is 0 that month."""
    report_blocks: tuple[ReportBlock, ...] = ()
    """Blocks in the reports, next to the figures (``ReportBlock``)."""
    counted: tuple[Counted, ...] = ()
    """The models ``counts`` reads (``Counted``): their writes make the months they touch be
    counted again."""
    export: Callable[..., dict] | None = None
    """``export(user) -> dict``: what this component holds about a person (data export)."""
    erase: Callable[..., None] | None = None
    """``erase(user)``: forget a person (account deletion)."""
    permissions: tuple[str, ...] = field(default_factory=tuple)
    home_order: int = 50
    """Place of ``home_template`` on the neighbourhood home (lower comes first)."""
    nav: tuple[NavItem, ...] = ()
    """Entries of the main navigation (see ``core.navigation``)."""
    home_region: str = "aside"
    """Where on the home the block goes: ``"top"`` (a strip above everything, on a phone
    before the feed: what is on this week), ``"main"`` (the column of the square's feed) or
    ``"aside"`` (the side column on wide screens, after the feed on a phone)."""
    organisation_blocks: tuple[OrganisationBlock, ...] = ()
    """Blocks on an organisation's pages (``OrganisationBlock``)."""
    profile_blocks: tuple[ProfileBlock, ...] = ()
    """Blocks on a person's profile page (``ProfileBlock``)."""
    organisation_contact_visible: Callable[..., bool] | None = None
    """``organisation_contact_visible(organisation, viewer) -> bool``: a component that runs a
    page for an organisation (clubs) lets its owners choose who sees the contact details; the
    organisation page shows them only when every switched-on component agrees."""
    retention: tuple[RetentionRule, ...] = ()
    """How long this component keeps each kind of data in a neighbourhood
    (``core.retention.RetentionRule``); ``manage.py enforce_retention`` applies them where the
    component is switched on, and "Privacy in je buurt" lists them."""
    platform_retention: tuple[RetentionRule, ...] = ()
    """Rules for data of this component that belongs to no neighbourhood (applied once per
    round, e.g. expired data exports)."""
    moderated: tuple[Moderated, ...] = ()
    """The kinds of content of this component that members can report (``Moderated``)."""
    service_actions: tuple[ServiceAction, ...] = ()
    """Buttons on a service's page of the sociale kaart (``ServiceAction``)."""
    search: tuple[SearchPart, ...] = ()
    """What the neighbourhood's search finds of this component (``SearchPart``)."""


HOME_REGIONS = ("top", "main", "aside")

# Components that are always on: the platform's own parts, not switchable per neighbourhood.
ALWAYS_ON = {"core", "members", "messaging", "moderation"}


def all_components() -> list[Component]:
    found = []
    for config in apps.get_app_configs():
        component = getattr(config, "component", None)
        if component is not None:
            found.append(component)
    return sorted(found, key=lambda c: (c.home_order, c.label))


def switchable_components() -> list[Component]:
    return [c for c in all_components() if c.label not in ALWAYS_ON]


def get_component(label: str) -> Component | None:
    for component in all_components():
        if component.label == label:
            return component
    return None


def default_enabled_components() -> list[str]:
    return [c.label for c in switchable_components() if c.default_enabled]


def enabled_components(neighbourhood: Neighbourhood) -> list[Component]:
    enabled = set(neighbourhood.components or []) | ALWAYS_ON
    return [c for c in all_components() if c.label in enabled]


def component_on(neighbourhood: Neighbourhood | None, label: str) -> bool:
    """Whether the component ``label`` works in ``neighbourhood``: switched on there, or one of
    the platform's own parts that are always on. Rounds and background tasks ask this before
    they send or change anything (a switched-off component stays quiet)."""
    if neighbourhood is None:
        return False
    return label in ALWAYS_ON or neighbourhood.has_component(label)


def component_of_model(model) -> str:
    """The label of the component whose app defines ``model`` ("" for none)."""
    component = getattr(apps.get_app_config(model._meta.app_label), "component", None)
    return component.label if component is not None else ""


def search_parts(neighbourhood: Neighbourhood) -> list[SearchPart]:
    """The search parts of the components switched on in ``neighbourhood``, in order."""
    parts = [part for c in enabled_components(neighbourhood) for part in c.search]
    return sorted(parts, key=lambda part: (part.order, part.kind))


def moderated_kinds() -> dict[str, Moderated]:
    """Every reportable kind of content, by ``"app_label.modelname"`` (lower case)."""
    return {
        kind.model.lower(): kind for component in all_components() for kind in component.moderated
    }


def moderated_kind(model) -> Moderated | None:
    """The declaration for a model class or instance, or None."""
    return moderated_kinds().get(model._meta.label_lower)


def service_actions(request, service) -> list[dict]:
    """The buttons other components add to ``service``'s page (socialmap), for this viewer:
    ``[{"label", "url", "icon"}]`` of the components switched on here whose permission allows
    it. Rendered by ``core/_service_actions.html`` (context ``service_actions``)."""
    from buurtplein.core.permissions import can, viewer_for
    from buurtplein.core.urls import nb_reverse

    viewer = viewer_for(request)
    found = []
    for component in enabled_components(request.neighbourhood):
        for action in component.service_actions:
            if can(viewer, action.perm, service):
                url = nb_reverse(action.url_name, request.neighbourhood, request=request)
                found.append(
                    {
                        "label": action.label,
                        "url": url + action.query.format(pk=service.pk),
                        "icon": action.icon,
                    }
                )
    return found
