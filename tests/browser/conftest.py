"""Browser fixtures: real headless Chromium driven by Playwright, and the built sites served locally."""

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS, SEARCH_CSP, STRICT_CSP, serve


@pytest.fixture(scope="session")
def sample_url(sample_site):
    url, server = serve(sample_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def strict_url(sample_site):
    """The sample portal served with a strict Content-Security-Policy header."""
    url, server = serve(sample_site, csp=STRICT_CSP)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def search_url(sample_site):
    """The sample portal served with the strict policy plus what the search page needs."""
    url, server = serve(sample_site, csp=SEARCH_CSP)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    url, server = serve(fixture_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
