"""Production settings (`invoke publish`): pelicanconf.py with these overrides.

What production needs that pelicanconf.py already gives, and is not repeated
here: the Atom feeds (plugin node_feeds, always on, with absolute links on
PORTAL_URL); drafts never published (the publishing_rule plugin drops them as
they are read, and DRAFT_SAVE_AS / DRAFT_PAGE_SAVE_AS are empty, so Pelican
writes no drafts/ folder either).
"""

import os
import runpy

# pelicanconf.py beside this file, wherever Pelican is run from.
_development = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelicanconf.py"))
globals().update((name, value) for name, value in _development.items() if name.isupper())

SITEURL = _development["PORTAL_URL"]
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Every publish reads every item afresh: nothing from an earlier build can leak
# in.  The twins and the search index still come from their caches when their
# sources are unchanged: those are keyed by the bytes they are made from.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# The audio versions are part of the portal's accessibility offer: a preview may
# lose a player, but a published item must not silently go out without one (nor
# the whole portal, when the synthesizer is missing on the publishing machine).
AUDIO_STRICT = True
