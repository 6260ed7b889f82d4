"""Session fixtures: the sample portal and the fixture site, each built once with Pelican."""

import pytest
from monitored import monitored_site as build_monitored_site
from sites import FIXTURE_CONTENT, FIXTURE_NOW, FIXTURE_PAGE_SIZE, SAMPLE_CONTENT, built


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample portal (content/), built once per test session."""
    return built(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The fixture site (tests/fixtures/site), with canaries, built once per session."""
    return built(
        FIXTURE_CONTENT,
        tmp_path_factory.mktemp("fixture") / "output",
        CATALOG_PAGE_SIZE=FIXTURE_PAGE_SIZE,
        DISCLOSURE_NOW=FIXTURE_NOW,
    )


@pytest.fixture(scope="session")
def monitored_site(tmp_path_factory):
    """The fixture site with every defect the site monitor looks for: (content, output, external base URL)."""
    root = tmp_path_factory.mktemp("monitored")
    (root / "elsewhere").mkdir()
    content, output, server = build_monitored_site(root)
    yield content, output, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def spoken_site(tmp_path_factory):
    """The sample portal with its recordings: each item's and every block's (plugins item_audio, page_speech)."""
    folder = tmp_path_factory.mktemp("spoken")
    return built(
        SAMPLE_CONTENT,
        folder / "output",
        AUDIO_ENABLED=True,
        SPEECH_ENABLED=True,
        AUDIO_ENGINE="espeak-ng",
        AUDIO_CACHE_PATH=str(folder / "audio-cache"),
    )
