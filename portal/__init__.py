"""The portal's shared libraries: what its Pelican plugins (``plugins/``, installed as
``pelican.plugins.<name>``) and its tasks (``tasks.py``) have in common.

- ``content_model``: the content contract in code (fields, catalog, headers,
  files, problems, the publishing rule, guide steps, the messages file);
- ``content_check``: the check of a content folder against it (``invoke check``);
- ``html_sanitizer``: the body HTML allow-list;
- ``item_body``: a body parsed once: its HTML, its text blocks, what it hides, its sections and links;
- ``file_writing``: writing files and whole output folders safely;
- ``worker_processes``: the worker pools of audio, reading and twins;
- ``workdays``: the working-day calendar;
- ``urls``: the URL of a built file;
- ``item_drafting``, ``annual_report``, ``site_monitor``: ``invoke new``,
  ``invoke report`` and ``invoke monitor``.
"""
