"""The generator that writes the catalog page and the node listings."""

import collections
import functools
import math

from pelican.generators import Generator

from portal.content_model import fields
from portal.content_model.catalog import COLUMNS
from portal.generated_pages import write_page

#: One link of a listing's filter bar: ``value`` None means 全部 (no filter).
FilterChoice = collections.namedtuple("FilterChoice", "value count url current")


def listing_url(node, year=None, validity=None, page=1):
    """URL (relative to the site root) of a node listing, filtered and paged."""
    parts = ["catalog", node.id]
    if year:
        parts.append(str(year))
    if validity:
        parts.append(fields.VALIDITY_SLUGS[validity])
    if page > 1:
        parts += ["page", str(page)]
    return "/".join(parts) + "/"


def newest_first(items):
    return sorted(items, key=lambda item: (item.date, item.index_no), reverse=True)


class CatalogPagesGenerator(Generator):
    """Groups the published items by catalog node and writes the catalog pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        missing = [name for name in self.settings["REQUIRED_PLUGINS"] if name not in self.settings["PLUGINS"]]
        if missing:
            # Pelican only logs a plugin that failed to load; without the
            # publishing rule every withheld item would be published.  Generators
            # are made before the output folder is cleaned: the last build survives.
            raise RuntimeError(f"plugins not loaded: {', '.join(missing)}: refusing to build")

    def generate_context(self):
        catalog = self.context.get("catalog")
        articles = self.context["articles"]
        by_node = collections.defaultdict(list)
        for item in articles:
            node = getattr(item, "node", None)
            if node is None:
                continue
            for owner in [*node.ancestors, node]:
                by_node[owner.id].append(item)
        for node in catalog.walk():
            node.items = newest_first(by_node[node.id])
            node.count = len(node.items)
        latest = newest_first(articles)
        notice_genres = set(self.settings["NOTICE_GENRES"])
        self.context["latest_items"] = latest[: self.settings["HOME_LATEST_COUNT"]]
        self.context["notices"] = [item for item in latest if getattr(item, "genre", "") in notice_genres][
            : self.settings["HOME_NOTICE_COUNT"]
        ]
        self.context["catalog_columns"] = COLUMNS

    def generate_output(self, writer):
        catalog = self.context["catalog"]
        write = functools.partial(write_page, self, writer)
        write("catalog/index.html", "catalog", page_title="信息公开目录")
        for node in catalog.walk():
            self.write_node(write, node)

    def write_node(self, write, node):
        """Write every non-empty (year, validity) view of a node, and the unfiltered one."""
        counts = collections.Counter((item.date.year, item.validity) for item in node.items)
        years = sorted({year for year, _ in counts}, reverse=True)

        def count(year, validity):
            return sum(n for (y, v), n in counts.items() if year in (None, y) and validity in (None, v))

        for year in [None, *years]:
            for validity in [None, *fields.VALIDITY_SLUGS]:
                if (year or validity) and not count(year, validity):
                    continue
                filters = {
                    "years": [
                        FilterChoice(
                            choice, count(choice, validity), listing_url(node, choice, validity), choice == year
                        )
                        for choice in [None, *years]
                    ],
                    "validities": [
                        FilterChoice(choice, count(year, choice), listing_url(node, year, choice), choice == validity)
                        for choice in [None, *fields.VALIDITY_SLUGS]
                    ],
                }
                selected = [
                    item for item in node.items if year in (None, item.date.year) and validity in (None, item.validity)
                ]
                self.write_pages(write, node, year, validity, selected, filters)

    def write_pages(self, write, node, year, validity, items, filters):
        size = self.settings["CATALOG_PAGE_SIZE"]
        page_count = max(1, math.ceil(len(items) / size))
        for number in range(1, page_count + 1):
            url = listing_url(node, year, validity, number)
            write(
                url + "index.html",
                "listing",
                node=node,
                listing_items=items[(number - 1) * size : number * size],
                total=len(items),
                year=year,
                validity=validity,
                filters=filters,
                page_number=number,
                page_count=page_count,
                previous_url=listing_url(node, year, validity, number - 1) if number > 1 else None,
                next_url=listing_url(node, year, validity, number + 1) if number < page_count else None,
                page_urls=[listing_url(node, year, validity, n) for n in range(1, page_count + 1)],
            )
