"""Stable output: a rebuild rewrites only what changed and leaves exactly what a build from nothing makes."""

import hashlib
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from pelican.plugins.stable_output.reading import KEY_FILE, drop_stale_reader_cache
from sites import FIXTURE_CONTENT, FIXTURE_NOW, ROOT, TWINS, built

from portal.file_writing.folders import OUTPUT_MARKER

WITHDRAWN = "regulations/normative/expired-2018.md"
EDITED = "regulations/normative/policy-2019.md"
#: Pagefind writes different filter files for the same records, so its index is compared by what it lists only.
SEARCH_INDEX = "pagefind"


def stamps(folder):
    return {path.relative_to(folder): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def digests(folder):
    return {
        path.relative_to(folder): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] != SEARCH_INDEX
    }


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory):
    """The fixture site built, rebuilt unchanged, then rebuilt after one item changed and one was withdrawn."""
    root = tmp_path_factory.mktemp("stable")
    content = shutil.copytree(FIXTURE_CONTENT, root / "content")
    output = built(content, root / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    first = stamps(output)
    built(content, output, DISCLOSURE_NOW=FIXTURE_NOW)
    unchanged = stamps(output)
    edited = content / EDITED
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\n本通知自印发之日起施行（稳定输出测试追加）。\n", encoding="utf-8"
    )
    withdrawn = content / WITHDRAWN
    withdrawn.write_text("Status: draft\n" + withdrawn.read_text(encoding="utf-8"), encoding="utf-8")
    built(content, output, DISCLOSURE_NOW=FIXTURE_NOW)
    fresh = built(content, root / "fresh", DISCLOSURE_NOW=FIXTURE_NOW)
    return types.SimpleNamespace(output=output, first=first, unchanged=unchanged, edited=stamps(output), fresh=fresh)


def test_an_unchanged_rebuild_rewrites_no_file(rebuilds):
    assert len(rebuilds.first) >= 100, "the fixture site's pages, twins, feeds, exports and theme"
    assert rebuilds.unchanged == rebuilds.first


def test_a_rebuild_after_edits_holds_what_a_build_from_nothing_holds(rebuilds):
    assert len(digests(rebuilds.fresh)) >= 100, "the fixture site's pages, twins, feeds, exports and theme"
    assert digests(rebuilds.output) == digests(rebuilds.fresh)
    # The search index of the edited records alone: the old one's files are gone.
    for site in (rebuilds.output, rebuilds.fresh):
        assert len(list((site / SEARCH_INDEX).glob("*/pagefind.*.pf_meta"))) == 1


def test_a_withdrawn_item_leaves_no_page_twin_or_entry_behind(rebuilds):
    page = rebuilds.output / "normative" / "expired-2018" / "index.html"
    assert ("normative", "expired-2018", "index.html") in {path.parts for path in rebuilds.first}
    assert not page.exists()
    assert not (rebuilds.output / TWINS / "normative" / "expired-2018").exists()
    assert "expired-2018" not in (rebuilds.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "测规〔2018〕2号" not in (rebuilds.output / "catalog.json").read_text(encoding="utf-8")


def test_only_the_files_an_edit_changes_are_rewritten(rebuilds):
    rewritten = {path for path, stamp in rebuilds.edited.items() if rebuilds.unchanged.get(path) != stamp}
    assert {Path("normative/policy-2019/index.html"), Path(TWINS, "normative/policy-2019/index.html")} <= rewritten
    untouched = {
        Path("service-guides/test-license/index.html"),
        Path(TWINS, "service-guides/test-license/index.html"),
        Path("theme/css/portal.css"),
        Path("accessibility/index.html"),
    }
    assert untouched <= set(rebuilds.edited) and not rewritten & untouched


def test_no_temporary_file_is_left_in_the_output(rebuilds):
    assert [path for path in rebuilds.edited if path.name.startswith(".")] == [Path(OUTPUT_MARKER)]


def reading(tmp_path, markdown):
    settings = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path),
        "MARKDOWN": markdown,
        "PATH": "content",
    }
    return types.SimpleNamespace(settings=settings)


def test_cached_readings_are_dropped_when_the_markdown_settings_change(tmp_path):
    cached = tmp_path / "ArticlesGenerator-Readers"
    drop_stale_reader_cache(reading(tmp_path, {"extension_configs": {"markdown.extensions.extra": {}}}))
    cached.write_bytes(b"readings")
    drop_stale_reader_cache(reading(tmp_path, {"extension_configs": {"markdown.extensions.extra": {}}}))
    assert cached.exists(), "the same settings keep the cache"
    drop_stale_reader_cache(reading(tmp_path, {"extension_configs": {"markdown.extensions.toc": {}}}))
    assert not cached.exists()
    assert (tmp_path / KEY_FILE).exists()


def test_the_reading_key_is_the_same_in_every_process():
    """A key with a memory address in it (a function's repr) would drop the cache at every build."""
    script = (
        "from tasks import pelican_settings; settings = pelican_settings(); "
        "from pelican.plugins.stable_output.reading import reading_key; print(reading_key(settings))"
    )
    keys = {
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(keys) == 1 and len(keys.pop().strip()) == 64
