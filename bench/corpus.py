"""Make a content folder of N items from the sample portal's, for benchmarks.

    .venv/bin/python bench/corpus.py --items 1000 --output /tmp/corpus

Item k is a copy of sample item k mod 50 under a new file name and index number,
with its title numbered, its dates moved together to one of ten years, and one paragraph
of another sample item added to its body, so that no two items are the same
text.  Links between items and attachments are left out.  The catalog, the
holiday file and the pages are the sample's.
"""

import argparse
import pathlib
import random
import re
import shutil

from common import ROOT, SAMPLE_CONTENT  # noqa: F401  (bench/common.py puts plugins/ on the path)

from portal.content_model.header import read_item

ORG_CODE = "11990000MB1A0827X6"
#: Dates that move with the copy's year.
DATE_KEYS = ("date", "written", "effective", "repealed", "opens", "closes")
#: Keys that name other items or files, which the copies do not have.
DROPPED_KEYS = {"interprets", "translation_of", "attachments", "decision", "index_no", "title", "slug", *DATE_KEYS}
YEAR_RE = re.compile(r"^\d{4}")


def sample_items():
    items = []
    for path in sorted(SAMPLE_CONTENT.rglob("*.md")):
        relative = path.relative_to(SAMPLE_CONTENT)
        if relative.parts[0] not in ("pages", "attachments"):
            metadata, body = read_item(path)
            items.append((relative, metadata, body))
    return items


def paragraphs(body):
    return [block for block in body.split("\n\n") if block.strip() and not block.lstrip().startswith(("#", "|"))]


def copy_item(number, item, borrowed, year):
    relative, metadata, body = item
    shift = year - int(metadata["date"][:4])
    moved = {
        key: YEAR_RE.sub(lambda found: str(int(found.group()) + shift), metadata[key])
        for key in DATE_KEYS
        if key in metadata
    }
    header = {"title": f"{metadata['title']}（第{number}号）", **moved, "index_no": f"{ORG_CODE}/{year}-{number:05d}"}
    header.update({key: value for key, value in metadata.items() if key not in DROPPED_KEYS})
    if "written" in header and header["written"] > header["date"][:10]:
        header["written"] = header["date"][:10]
    lines = [f"{key[:1].upper()}{key[1:]}: {value}" for key, value in header.items()]
    return relative.with_name(f"{relative.stem}-{number:05d}.md"), "\n".join(
        lines
    ) + "\n\n" + body + "\n\n" + borrowed + "\n"


def make_corpus(count, output, seed=2019):
    """Write a content folder of *count* items to *output* (replaced)."""
    output = pathlib.Path(output)
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    for name in ("catalog.toml", "holidays.toml"):
        shutil.copy(SAMPLE_CONTENT / name, output / name)
    shutil.copytree(SAMPLE_CONTENT / "pages", output / "pages")
    items = sample_items()
    pool = [block for _, _, body in items for block in paragraphs(body)]
    chooser = random.Random(seed)
    for number in range(1, count + 1):
        relative, text = copy_item(number, items[(number - 1) % len(items)], chooser.choice(pool), 2010 + number % 10)
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        (output / relative).write_text(text, encoding="utf-8")
    return output


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--output", required=True)
    options = parser.parse_args()
    print(f"Wrote {options.items} items to {make_corpus(options.items, options.output)}")


if __name__ == "__main__":
    main()
