"""Real-browser journeys: Debian's Chromium, driven by Playwright, against the live server.

Every journey runs twice, on a desktop (1280×800) and on a phone (360×740, touch). Each page a
journey visits goes through :meth:`Browser.check`: axe-core with the WCAG 2.0/2.1/2.2 A and AA
rules must find nothing, and the page must not scroll sideways.

Chromium comes from Debian (``apt-get install chromium``); never ``playwright install``.
"""

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Page, expect

from e2e import nu
from e2e.asgi import migrated_database  # noqa: F401  (the live journeys' file database)

# The live server runs in a thread next to Playwright's event loop; Django's async guard would
# otherwise refuse the database calls the tests make to set up their data.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}

# A desktop browser zoomed to 200% lays the page out in half the CSS pixels.
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

PASSWORD = "wachtwoord-123"  # what UserFactory gives everyone
LOG_IN = re.compile(r"^\s*(inloggen|aanmelden|log in|sign in)\s*$", re.I)


def pytest_configure(config):
    """One folder per run; with pytest-xdist each worker writes into its own part of it."""
    if hasattr(config, "workerinput") and "nu_folder" in config.workerinput:
        root = Path(config.workerinput["nu_folder"])
        nu.FOLDER[:] = [root / config.workerinput["workerid"]]
    else:
        root = Path(tempfile.mkdtemp(prefix="buurtplein-nu-"))
        nu.FOLDER[:] = [root]
    config.nu_folder = root


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput["nu_folder"] = str(node.config.nu_folder)


def pytest_sessionfinish(session):
    """The controller checks every page all workers saved, in one run of the checker."""
    config = session.config
    if hasattr(config, "workerinput") or not hasattr(config, "nu_folder"):
        return
    errors = nu.check_folder(config.nu_folder)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if errors:
        if reporter:
            reporter.write_sep("=", "Nu HTML checker", red=True)
            reporter.write_line(errors)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter and any(config.nu_folder.rglob("*.html")):
        pages = len(list(config.nu_folder.rglob("*.html")))
        reporter.write_line(f"Nu HTML checker: {pages} pages, no errors")
    if not errors:
        shutil.rmtree(config.nu_folder, ignore_errors=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last, after pytest-django has ordered the rest.

    From the first browser test on, Playwright's sync API keeps an event loop running in the main
    thread, and ``async_to_sync`` (channel layer sends in actions and tests) refuses to run beside
    it. The sort is stable, so everything else keeps its order.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(params=list(VIEWPORTS))
def device_name(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, device_name, live_server):
    # A Dutch visitor: the browser asks for Dutch, like most of the people Buurtplein is for.
    return {
        **browser_context_args,
        **VIEWPORTS[device_name],
        "base_url": live_server.url,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
    }


def axe_report(violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(f"\n* {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.2 A/AA violation on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{axe_report(violations)}"


def assert_no_sideways_scrolling(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    # The first few elements that stick out on the right, to say what to fix.
    overflow = page.evaluate(
        """(width) => Array.from(document.querySelectorAll('body *'))
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map(el => el.outerHTML.slice(0, 160))""",
        widths[1],
    )
    assert widths[0] <= widths[1], (
        f"{page.url} scrolls sideways: {widths[0]}px content in a {widths[1]}px window.\n"
        + "\n".join(overflow)
    )


@dataclass
class Browser:
    """One person in one browser: visits pages and checks each one."""

    page: Page
    live_server_url: str
    device: str
    checked: list[str] = field(default_factory=list)

    def __post_init__(self):
        nu.record_pages(self.page)

    def goto(self, path: str) -> Page:
        response = self.page.goto(path)
        assert response is not None
        assert response.ok, f"{path} answered {response.status}"
        self.check()
        return self.page

    def check(self) -> None:
        """The page now shown passes axe and fits the window."""
        self.page.wait_for_load_state("load")
        assert_accessible(self.page)
        assert_no_sideways_scrolling(self.page)
        self.checked.append(self.page.url)

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.live_server_url)

    @property
    def is_phone(self) -> bool:
        return self.device == "phone"

    def log_in(self, email: str, password: str = PASSWORD, next_path: str = "/") -> None:
        """Logs in through the form, checking the log-in page on the way."""
        self.goto(f"/accounts/login/?{urlencode({'next': next_path})}")
        fill_log_in(self.page, email, password)

    def log_in_as(self, user) -> None:
        log_in_as(self.page, self.live_server_url, user)

    def switch_language(self, language: str) -> None:
        """Chooses "English" or "Nederlands" in the footer and checks the page it comes back to."""
        footer = self.page.get_by_role("contentinfo")
        footer.get_by_role("combobox", name=re.compile("^(taal|language)$", re.I)).select_option(
            label=language
        )
        footer.get_by_role("button", name=re.compile("^(wissel|switch)$", re.I)).click()
        expect(self.page.locator("html")).to_have_attribute(
            "lang", "en" if language == "English" else "nl"
        )
        self.check()


def label(text: str) -> re.Pattern:
    """A field's label exactly, with or without Django's colon after it."""
    return re.compile(rf"^{re.escape(text)}:?$")


def fill_log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label(re.compile("e-?mail", re.I)).fill(email)
    page.get_by_label(re.compile("wachtwoord|password", re.I)).fill(password)
    page.locator("main").get_by_role("button", name=LOG_IN).click()
    page.wait_for_load_state("load")


@pytest.fixture
def browser_session(page, live_server, device_name):
    page.set_default_timeout(10_000)
    expect.set_options(timeout=10_000)
    return Browser(page=page, live_server_url=live_server.url, device=device_name)


@pytest.fixture
def zoomed_page(browser, live_server):
    """A desktop browser at 200% zoom (half the CSS pixels); not repeated per device."""
    context = browser.new_context(**ZOOM_200, base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    nu.record_pages(page)
    yield page
    context.close()


def verified(user):
    """Marks the person's e-mail address as confirmed, as if they had clicked the link."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def log_in_as(page: Page, base_url: str, user) -> None:
    """Gives the browser a session for ``user`` without the log-in form (for set-up)."""
    client = Client()
    client.force_login(verified(user))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def link_from_last_mail(to: str) -> str:
    """The first link in the newest e-mail to ``to`` (locmem backend in tests)."""
    sent = [message for message in mail.outbox if to in message.to]
    assert sent, f"no e-mail to {to}; outbox has {[m.to for m in mail.outbox]}"
    match = re.search(r"https?://\S+", sent[-1].body)
    assert match, sent[-1].body
    return match.group(0)


@pytest.fixture
def photo(tmp_path) -> Path:
    """A small JPEG on disk, as a phone would upload it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), "#2f7d5b")
    ImageDraw.Draw(image).ellipse((100, 60, 220, 180), fill="#f2c14e")
    path = tmp_path / "zonnebloem.jpg"
    image.save(path, "JPEG", quality=85)
    return path


def nav_link(page: Page, name: str):
    """The link ``name`` of the neighbourhood's main navigation, as a person reaches it: the
    entries that are not always in sight are under "Meer" / "More", which is opened first."""
    nav = page.get_by_role("navigation", name=re.compile("^(buurt|neighbourhood)$", re.I))
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        more = nav.locator("summary")
        expect(more).to_have_text(re.compile(r"^\s*(meer|more)\s*$", re.I))
        more.click()
    expect(link).to_be_visible()
    return link
