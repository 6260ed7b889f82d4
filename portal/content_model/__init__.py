"""The content contract shared by every plugin (not a plugin itself).

``docs/CONTENT-MODEL.md`` is the contract between editors and the portal;
this package is its single reading in code:

- :mod:`.fields`  the item keys, their labels and allowed values;
- :mod:`.catalog` the disclosure catalog tree read from ``catalog.toml``;
- :mod:`.header`  the raw ``Key: value`` header of a Markdown item, read the
  way Python-Markdown's ``meta`` extension reads it, for checks that must see
  what the editor wrote before Pelican converts it;
- :mod:`.sources` the files of the content folder that Pelican reads, found
  with Pelican's own code.
"""
