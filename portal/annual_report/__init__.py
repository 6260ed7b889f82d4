"""The library behind ``invoke report`` (not a Pelican plugin).

Drafts the year's report on open government information (政府信息公开工作年度报告)
in the 2021 national format, as a Markdown item that an editor completes:

- :mod:`.statistics` table 2 (主动公开政府信息情况), counted from the published items;
- :mod:`.records`    tables 3 and 4 (information requests; reviews and lawsuits),
  read and checked from the year's records file (``ANNUAL_REPORT_RECORDS``);
- :mod:`.document`   the item itself: header, the six sections, the tables.
"""
