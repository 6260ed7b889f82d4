"""The content check: every problem of a content folder, as a pure function of it (``invoke check``)."""

from .validator import validate_site

__all__ = ["validate_site"]
