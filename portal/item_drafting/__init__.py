"""The library behind ``invoke new`` (not a Pelican plugin), shared with ``invoke report``.

Starts a new item for an editor, as a file that already passes ``invoke check``:

- :mod:`.answers`   what the task needs to know, each value checked, from an
  option or asked for at the terminal;
- :mod:`.placement` where the item goes: its index number (the next free one of
  its year), its folder (where the items of its catalog node live) and file name;
- :mod:`.skeleton`  its text: the header, and a body that says what to write
  (the six sections of a service guide).

The file is written whole or not at all (``file_writing``).
"""
