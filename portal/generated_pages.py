"""Pages a portal generator writes itself (catalog listings, messages): one template, the shared context."""

from pelican.generators import Generator
from pelican.writers import Writer

from .urls import url_path


def write_page(generator: Generator, writer: Writer, save_as: str, template: str, **extra: object) -> None:
    """Write the page *save_as* from *generator*'s *template* and context, and *extra*, at its URL path."""
    writer.write_file(
        save_as,
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        url=url_path(save_as),
        **extra,
    )
