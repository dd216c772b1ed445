"""Browser tests: Playwright for Python driving Debian's Chromium against a live server
with the demo loaded. Never downloads a browser."""

import os
import threading

import pytest
from django.conf import settings
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _OneRequestAtATime:
    """SQLite in memory: the live server's threads share the test's one connection, so two
    requests at once (a page and its service worker, say) interleave their savepoints
    ("no such savepoint"). Requests are served one after the other; connections stay open."""

    lock = threading.Lock()

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with self.lock:
            result = self.application(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        return [body]


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        yield
        return
    from django.test.testcases import LiveServerThread

    class Server(LiveServerThread.server_class):
        def set_app(self, application):
            super().set_app(_OneRequestAtATime(application))

    original = LiveServerThread.server_class
    LiveServerThread.server_class = Server
    yield
    LiveServerThread.server_class = original


@pytest.fixture(scope="session", autouse=True)
def _expect_timeout():
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "Browser tests need Debian's Chromium at /usr/bin/chromium (make chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db):
    call_command("demo", force=True, verbosity=0, stdout=open(os.devnull, "w"))
    # dashboards read the summary as counted: count the demo's marks, as `make run` does
    call_command("hitung_ringkasan", "--hari-baru", "--tanda", verbosity=0)


@pytest.fixture
def new_page(browser, live_server):
    """new_page() -> a fresh browser context's page (a separate session); closed at the end.
    Other context options (has_touch, is_mobile …) pass through."""
    contexts = []

    def make(viewport=None, **options):
        ctx = browser.new_context(
            base_url=live_server.url, viewport=viewport or {"width": 1280, "height": 900}, **options
        )
        # generous: on a 2-core machine the other test worker may be rendering PDFs meanwhile
        ctx.set_default_timeout(30_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def login(page, username, password="plpbk-demo"):
    page.goto("/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)
    return page
