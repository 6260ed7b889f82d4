"""A Markdown extension: tables in item bodies reflow as cards on narrow screens.

Every table gets the ``stacked-table`` class of the theme, ``scope="col"`` on its
header cells and, on each body cell, ``data-label`` with its column's header,
which the theme shows beside the value once the row is stacked.
"""

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class StackedTablesProcessor(Treeprocessor):
    def run(self, root):
        for table in root.iter("table"):
            table.set("class", " ".join(filter(None, [table.get("class"), "stacked-table"])))
            headers = []
            for header in table.iter("th"):
                header.set("scope", "col")
                headers.append("".join(header.itertext()).strip())
            for body in table.iter("tbody"):
                for row in body.iter("tr"):
                    for cell, label in zip(row.iter("td"), headers):
                        cell.set("data-label", label)


class StackedTablesExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(StackedTablesProcessor(md), "stacked_tables", 5)
