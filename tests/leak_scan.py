"""A scan of a built portal for marker strings, in every form the output keeps text.

The canary items of the fixture site (``tests/fixtures/site/canaries/``), one of
each kind the publishing rule keeps out, carry markers in every field, their
file names and their attachments (:func:`canary_markers`).  :func:`scan` looks
for markers in every output file and every file and folder name.

Pages, twins, feeds, the sitemap, robots.txt and the exports hold text as it is
(or percent-encoded in URLs); the search index does not.  Pagefind's files
(``pagefind/<n>/``) are gzip-compressed behind a ``pagefind_dcd`` signature:

- ``fragment/*.pf_fragment``: JSON of each record: its URL, its text as
  plugins/site_search wrote it (``records.index_text``: punctuation a space,
  each run of Han characters cut into its overlapping pairs, ``鼀鼁 鼁鼂 鼂``)
  and its metadata as given (title, summary, index and document numbers);
- ``index/*.pf_index``: CBOR lists of the indexed words, each lower-cased and
  stemmed (English Snowball: ``body`` is kept as ``bodi``), one word per pair of
  Han characters, a hyphenated or camel-case word both whole (``a-b`` as
  ``ab``) and in parts; the words of the metadata too, and each index or
  document number as ``records.identifier_token``;
- ``pagefind.*.pf_meta``: the first and last word of each chunk of the index;
- ``filter/*.pf_filter``: the filter values (node ids and years).

So :func:`forms` gives, for a marker: itself, its punctuation dropped,
its index text, its Han pairs alone and in order, its identifier token's letters, its
percent-encoding and its JSON escape, all lower-cased; :func:`scan` looks for
them in each file's lower-cased bytes, and in a gzip file's decompressed ones.
Stemming cannot be undone, so Latin markers end in ``qzx``, which the stemmer
leaves as it is.  tests/test_leak_scan.py checks the scan finds each marker
of a published copy of the canaries in every kind of file.
"""

import dataclasses
import gzip
import json
import re
import urllib.parse

from pelican.plugins.site_search.records import HAN_RUN_RE, NON_WORD_RE, han_pairs, identifier_token, index_text
from sites import FIXTURE_CONTENT

#: The canaries' kinds: the file of each is canaries/canary-<kind>-file.md.
KINDS = ("withheld", "onrequest", "draft", "hidden", "embargoed")
#: Runs of rare Han characters, distinct in every canary and field: each of their pairs is the canary's alone.
HAN_MARKERS = {
    "withheld": {"title": "鼀鼁鼂", "body": "鼃鼄鼅", "tag": "鼆鼇鼈", "summary": "鼉鼊鼋"},
    "onrequest": {"title": "鼌鼍鼏", "body": "鼑鼒鼔", "tag": "鼕鼖鼗", "summary": "鼘鼚鼛"},
    "draft": {"title": "鼜鼝鼞", "body": "鼟鼡鼢", "tag": "鼣鼤鼥", "summary": "鼦鼧鼨"},
    "hidden": {"title": "鼩鼪鼫", "body": "鼬鼭鼮", "tag": "鼯鼰鼱", "summary": "鼲鼳鼴"},
    "embargoed": {"title": "鼵鼶鼷", "body": "鼸鼹鼺", "tag": "鼼鼽鼾", "summary": "鼿齀齁"},
}
GZIP_MAGIC = b"\x1f\x8b"


def canary_file(kind):
    return FIXTURE_CONTENT / "canaries" / f"canary-{kind}-file.md"


def canary_attachment(kind):
    return FIXTURE_CONTENT / "attachments" / f"canary-{kind}-attachment.txt"


def canary_markers(kind):
    """``{what: marker}`` of the canary of *kind*: Latin and Han markers of its fields, its index
    number, whole and as a serial, its file name, its attachment's name and content, and the
    name of the image that only it shows."""
    header = canary_file(kind).read_text(encoding="utf-8").split("\n\n", 1)[0]
    index_no = re.search(r"^Index_no: (.+)$", header, re.MULTILINE).group(1)
    markers = {field: f"Qzx{kind}{field}qzx" for field in ("title", "body", "tag", "summary", "docno")}
    markers.update({f"{field} 汉字": han for field, han in HAN_MARKERS[kind].items()})
    markers.update(
        {
            "index number": index_no,
            "serial": index_no.split("/")[1],
            "file name": f"canary-{kind}-file",
            "attachment name": canary_attachment(kind).stem,
            "attachment content": f"Qzx{kind}attachmentqzx",
            "image name": f"canary-{kind}-image",
        }
    )
    return markers


def han_pair_list(text):
    """The overlapping pairs of each run of Han characters of *text*."""
    return [pair for run in HAN_RUN_RE.findall(text) for pair in han_pairs(run).split() if len(pair) == 2]


def forms(marker):
    """Every form in which the output may hold *marker*, lower-cased (see above)."""
    pairs = han_pair_list(marker)
    # An identifier token without its ends: the marker's part of a longer number's token.
    found = {
        marker,
        NON_WORD_RE.sub("", marker),
        index_text(marker),
        identifier_token(marker)[2:-1],
        urllib.parse.quote(marker),
        json.dumps(marker)[1:-1],
        " ".join(pairs),
        *pairs,
    }
    return sorted(form.lower() for form in found if form)


@dataclasses.dataclass(frozen=True)
class Finding:
    marker: str
    path: str  #: the file's path under the site, with "/"
    form: str  #: the form found
    in_name: bool  #: found in the name of the file or folder, not in its bytes


def readable_bytes(path):
    """The file's bytes, lower-cased, then, for a gzip file, its decompressed bytes lower-cased."""
    data = path.read_bytes()
    texts = [data.lower()]
    if data.startswith(GZIP_MAGIC):
        texts.append(gzip.decompress(data).lower())
    return b"\0".join(texts)


def scan(site, markers):
    """A :class:`Finding` for each form of each of *markers* found in a file or a name under *site*."""
    wanted = [(marker, form) for marker in markers for form in forms(marker)]
    findings = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        name = urllib.parse.unquote(path.name).lower()
        findings += [Finding(marker, relative, form, True) for marker, form in wanted if form in name]
        if path.is_file():
            data = readable_bytes(path)
            findings += [Finding(marker, relative, form, False) for marker, form in wanted if form.encode() in data]
    return findings
