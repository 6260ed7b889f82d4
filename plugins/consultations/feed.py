"""The Atom feed of the consultations open when the portal is built."""

from pelican.plugins.node_feeds.atom import FeedsGenerator


class OpenConsultationsFeedGenerator(FeedsGenerator):
    """Writes ``open_consultations`` with the node feeds' Atom writer."""

    def generate_context(self):
        pass  # attach_consultations fills the context, once every body is parsed

    def generate_output(self, writer):
        node = self.context["consultations_node"]
        if node is None:
            return
        title = f"{self.settings['SITENAME']}：正在征求意见"
        self.write(self.context["open_consultations_feed_url"], title, node.url, self.context["open_consultations"])
