"""Pelican's readers, with the body of every file they read sanitized before anything else sees it."""

from pelican.readers import HTMLReader, MarkdownReader, RstReader

from portal.html_sanitizer import removed_markup, sanitize

#: The reading's metadata key that lists what sanitizing removed from its body
#: (it is cached with the reading, so every build can say so).
REMOVED_MARKUP = "removed_markup"


class SanitizedReading:
    """A reader whose bodies are sanitized (:func:`.sanitize.sanitize`) as they are read."""

    def read(self, source_path):
        body, metadata = super().read(source_path)
        media_origins = self.settings.get("BODY_MEDIA_ORIGINS", ())
        removed = removed_markup(body, media_origins)
        if removed:
            metadata[REMOVED_MARKUP] = removed
        return sanitize(body, media_origins), metadata


class SanitizedMarkdownReader(SanitizedReading, MarkdownReader):
    pass


class SanitizedHTMLReader(SanitizedReading, HTMLReader):
    pass


class SanitizedRstReader(SanitizedReading, RstReader):
    pass


SANITIZED_READERS = (SanitizedMarkdownReader, SanitizedHTMLReader, SanitizedRstReader)


def sanitized_readers(readers):
    """Pelican's ``READERS`` setting *readers* with a sanitizing reader for every format Pelican can read,
    but the formats it switches off (``None``)."""
    return {
        **readers,
        **{
            extension: reader
            for reader in SANITIZED_READERS
            if reader.enabled
            for extension in reader.file_extensions
            if readers.get(extension, reader) is not None
        },
    }
