"""The generator that writes the Atom feeds."""

import functools

from feedgenerator import Atom1Feed, Enclosure, get_tag_uri
from pelican.generators import Generator
from pelican.plugins.disclosure_catalog.listings import newest_first
from pelican.utils import sanitised_join

from portal.file_writing import write_if_changed


def entry_content(item, portal):
    """The item's body as a feed entry carries it: without what it hides from readers (a service guide's
    flowchart, which repeats its list, and which feed readers would show unstyled), its links on *portal*."""
    return item._update_content(item.body.readable_html, portal)


class NodeFeed(Atom1Feed):
    """An Atom feed that, with no entries, was last updated when the site last was, not at the build's moment."""

    def __init__(self, *args, site_updated, **kwargs):
        super().__init__(*args, **kwargs)
        self.site_updated = site_updated

    def latest_post_date(self):
        return super().latest_post_date() if self.items or not self.site_updated else self.site_updated


def feed_path(settings, name):
    return f"{settings['FEED_PATH']}/{name}.atom.xml"


class FeedsGenerator(Generator):
    def generate_context(self):
        self.context["site_feed_url"] = feed_path(self.settings, "all")
        for node in self.context["catalog"].walk():
            node.feed_url = feed_path(self.settings, node.id)

    def generate_output(self, writer):
        site = self.settings["SITENAME"]
        self.write(self.context["site_feed_url"], f"{site}：最新信息", "", self.context["articles"])
        for node in self.context["catalog"].walk():
            self.write(node.feed_url, f"{site}：{node.name}", node.url, node.items)

    @functools.cached_property
    def site_updated(self):
        """When the newest item was published: an empty feed's last update."""
        return max((item.date for item in self.context["articles"]), default=None)

    def write(self, path, title, page_url, items):
        portal = self.settings["PORTAL_URL"]
        feed = NodeFeed(
            title=title,
            link=f"{portal}/{page_url}",
            feed_url=f"{portal}/{path}",
            description="",
            language=self.settings["SITE_LANG"],
            author_name=self.settings["SITENAME"],
            feed_guid=f"{portal}/{path}",
            site_updated=self.site_updated,
        )
        for item in newest_first(items)[: self.settings["FEED_MAX_ITEMS"]]:
            link = f"{portal}/{item.url}"
            audio = getattr(item, "audio", None)
            feed.add_item(
                title=item.title,
                link=link,
                unique_id=get_tag_uri(link, item.date),
                description=item.summary_text,
                content=entry_content(item, portal),
                author_name=item.publisher,
                pubdate=item.date,
                updateddate=getattr(item, "modified", None) or item.date,
                categories=[node.name for node in [*item.node.ancestors, item.node]],
                enclosures=[Enclosure(f"{portal}/{audio.url}", str(audio.size), "audio/mpeg")] if audio else None,
            )
        write_if_changed(sanitised_join(self.output_path, path), feed.writeString("utf-8"))
