"""Parallel reading: items read in worker processes make the same portal as items read by Pelican itself."""

import hashlib

import pytest
from sites import SAMPLE_CONTENT, build_site


def page_digests(site):
    return {
        path.relative_to(site): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in site.rglob("*.html")
        if path.relative_to(site).parts[0] != "pagefind"
    }


@pytest.mark.slow
def test_items_read_by_workers_make_the_same_pages(tmp_path):
    parallel = build_site(SAMPLE_CONTENT, tmp_path / "parallel", flags=["--verbose"], READING_WORKERS=2)
    assert parallel.returncode == 0, parallel.stdout + parallel.stderr
    assert "Parallel reading:" in parallel.stdout + parallel.stderr
    alone = build_site(SAMPLE_CONTENT, tmp_path / "alone", flags=["--verbose"], READING_WORKERS=1)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert "Parallel reading:" not in alone.stdout + alone.stderr
    assert page_digests(tmp_path / "parallel") == page_digests(tmp_path / "alone")
    assert len(page_digests(tmp_path / "alone")) > 100


@pytest.mark.slow
def test_a_warm_build_reads_only_what_changed(tmp_path):
    """The second build finds every reading in the cache: nothing is left for the workers."""
    first = build_site(SAMPLE_CONTENT, tmp_path / "output", flags=["--verbose"], READING_WORKERS=2)
    assert "Parallel reading:" in first.stdout + first.stderr
    second = build_site(SAMPLE_CONTENT, tmp_path / "output", flags=["--verbose"], READING_WORKERS=2)
    assert second.returncode == 0 and "Parallel reading:" not in second.stdout + second.stderr
