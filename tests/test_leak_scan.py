"""The publishing rule, seen from the output: no file or name holds a marker of an unpublished item.

The scan (tests/leak_scan.py) is tested first: the canaries, published in a
copy of the fixture site, have every marker found where a published item's
text goes, the search index included.
"""

import fnmatch
import gzip
import json
import re
import shutil

import pytest
from leak_scan import KINDS, canary_attachment, canary_file, canary_markers, scan
from sites import FIXTURE_CONTENT, FIXTURE_NOW, built

#: The moment the embargoed canary comes out: every canary of the copy is published then.
EMBARGO_END = "2099-01-01 09:00"
#: Output files by kind: ``fnmatch`` patterns of their paths under the site.
WHERE = {
    "the item page": "responses/canary-*-file/index.html",
    "the plain-text twin": "text/responses/canary-*-file/index.html",
    "the portal's feed": "feeds/all.atom.xml",
    "the sitemap": "sitemap.xml",
    "the search index's words": "pagefind/*/index/*.pf_index",
    "the search index's records": "pagefind/*/fragment/*.pf_fragment",
    "catalog.json": "catalog.json",
    "catalog.csv": "catalog.csv",
    "the copied attachment": "attachments/canary-*-attachment.txt",
    "the copied image": "images/canary-*-image.png",
    "the audio file": "audio/responses/canary-*-file.mp3",
}
TEXT_FIELDS = {
    "title": [
        "the item page",
        "the plain-text twin",
        "the portal's feed",
        "the search index's words",
        "the search index's records",
        "catalog.json",
        "catalog.csv",
    ],
    "body": [
        "the item page",
        "the plain-text twin",
        "the portal's feed",
        "the search index's words",
        "the search index's records",
    ],
    "tag": ["the item page", "the search index's words", "the search index's records", "catalog.json", "catalog.csv"],
    "summary": [
        "the item page",
        "the portal's feed",
        "the search index's words",
        "the search index's records",
        "catalog.json",
        "catalog.csv",
    ],
}
#: (what, where): each marker of a published canary is found there.
FOUND = (
    [(what, where) for field, places in TEXT_FIELDS.items() for what in (field, f"{field} 汉字") for where in places]
    + [
        ("docno", where)
        for where in [
            "the item page",
            "the search index's words",
            "the search index's records",
            "catalog.json",
            "catalog.csv",
        ]
    ]
    + [
        ("index number", where)
        for where in [
            "the item page",
            "the plain-text twin",
            "the search index's words",
            "the search index's records",
            "catalog.json",
            "catalog.csv",
        ]
    ]
    + [("serial", "the item page"), ("serial", "the search index's words")]
    + [("file name", where) for where in ["the sitemap", "the portal's feed", "catalog.json", "a name"]]
    + [
        ("attachment name", "the item page"),
        ("attachment name", "catalog.json"),
        ("attachment name", "the copied attachment"),
        ("attachment content", "the copied attachment"),
        ("image name", "the item page"),
        ("image name", "a name"),
    ]
)
#: Every marker of every canary.
MARKERS = [marker for kind in KINDS for marker in canary_markers(kind).values()]


def published(source):
    """A canary's source as a published item's: proactive, neither draft nor hidden."""
    source = re.sub(r"^Disclosure: .*$", "Disclosure: 主动公开", source, flags=re.MULTILINE)
    return re.sub(r"^(?:Withhold_basis|Status): .*\n", "", source, flags=re.MULTILINE)


def found_in(findings, marker, where):
    """Whether *marker* was found in a file of the kind *where* (its bytes or its name), or in "a name"."""
    if where == "a name":
        return any(finding.marker == marker and finding.in_name for finding in findings)
    return any(finding.marker == marker and fnmatch.fnmatch(finding.path, WHERE[where]) for finding in findings)


def published_canaries_copy(folder):
    """A copy of the fixture site in *folder* whose canaries are all published."""
    content = shutil.copytree(FIXTURE_CONTENT, folder / "content")
    for kind in KINDS:
        source = content / "canaries" / canary_file(kind).name
        source.write_text(published(source.read_text(encoding="utf-8")), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def published_canaries(tmp_path_factory):
    """The fixture site with its canaries published, built: (site, findings of every marker)."""
    folder = tmp_path_factory.mktemp("published-canaries")
    site = built(published_canaries_copy(folder), folder / "output", DISCLOSURE_NOW=EMBARGO_END)
    return site, scan(site, MARKERS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_marker_is_planted_in_its_canary(kind):
    markers = canary_markers(kind)
    source = canary_file(kind).read_text(encoding="utf-8")
    assert canary_file(kind).stem == markers["file name"]
    assert f"Attachments: {canary_attachment(kind).name}" in source
    assert markers["attachment content"] in canary_attachment(kind).read_text(encoding="utf-8")
    for what in [
        "title",
        "body",
        "tag",
        "summary",
        "docno",
        "title 汉字",
        "body 汉字",
        "tag 汉字",
        "summary 汉字",
        "index number",
    ]:
        assert markers[what] in source, what


@pytest.mark.parametrize("what, where", FOUND, ids=[f"{what} in {where}" for what, where in FOUND])
def test_the_scan_finds_each_marker_of_a_published_canary(published_canaries, what, where):
    _, findings = published_canaries
    for kind in KINDS:
        assert found_in(findings, canary_markers(kind)[what], where), kind


def test_the_index_keeps_body_words_only_lower_cased_and_in_pairs_yet_the_scan_finds_them(published_canaries):
    site, findings = published_canaries
    words = b"".join(gzip.decompress(path.read_bytes()) for path in site.glob("pagefind/*/index/*.pf_index"))
    for kind in KINDS:
        latin, han = canary_markers(kind)["body"], canary_markers(kind)["body 汉字"]
        assert latin.encode() not in words and latin.lower().encode() in words
        assert han.encode() not in words and han[:2].encode() in words and han[1:].encode() in words
        assert found_in(findings, latin, "the search index's words")
        assert found_in(findings, han, "the search index's words")


def test_no_output_file_or_name_holds_a_marker_of_an_unpublished_item(fixture_site):
    assert len(list(fixture_site.rglob("*.pf_index"))) >= 1
    assert scan(fixture_site, MARKERS) == []


@pytest.mark.audio
def test_the_scan_finds_the_file_name_of_a_published_canary_in_its_audio_file_name(tmp_path):
    site = built(
        published_canaries_copy(tmp_path),
        tmp_path / "output",
        DISCLOSURE_NOW=EMBARGO_END,
        AUDIO_ENABLED=True,
        AUDIO_CACHE_PATH=str(tmp_path / "audio-cache"),
    )
    findings = scan(site, MARKERS)
    for kind in KINDS:
        assert found_in(findings, canary_markers(kind)["file name"], "the audio file"), kind


@pytest.mark.audio
def test_no_audio_file_is_made_of_an_unpublished_item(tmp_path):
    site = built(
        FIXTURE_CONTENT,
        tmp_path / "output",
        DISCLOSURE_NOW=FIXTURE_NOW,
        AUDIO_ENABLED=True,
        AUDIO_CACHE_PATH=str(tmp_path / "audio-cache"),
    )
    items = json.loads((site / "catalog.json").read_text(encoding="utf-8"))["items"]
    assert len(list(site.glob("audio/*/*.mp3"))) == len(items)
    assert scan(site, MARKERS) == []
