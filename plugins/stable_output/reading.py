"""The key of what Pelican's cached readings depend on besides the source files."""

import glob
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import sys

logger = logging.getLogger(__name__)

KEY_FILE = "reading-key"
#: Settings a reading depends on (the Markdown of bodies and of FORMATTED_FIELDS).
READING_SETTINGS = (
    "MARKDOWN",
    "FORMATTED_FIELDS",
    "READERS",
    "TIMEZONE",
    "DEFAULT_LANG",
    "PATH",
    "DEFAULT_DATE_FORMAT",
    "PATH_METADATA",
    "FILENAME_METADATA",
    "TYPOGRIFY",
    "BODY_MEDIA_ORIGINS",
)
#: Packages whose versions a reading depends on (nh3: the body sanitizer's).
READING_PACKAGES = ("pelican", "markdown", "nh3")


def extension_sources(settings):
    """The source of every Markdown extension named by module in MARKDOWN that is not a package's."""
    sources = []
    for name in settings.get("MARKDOWN", {}).get("extension_configs", {}):
        module = name.split(":")[0]
        spec = importlib.util.find_spec(module) if module else None
        if spec and spec.origin and "site-packages" not in spec.origin:
            with open(spec.origin, "rb") as stream:
                sources.append(hashlib.sha256(stream.read()).hexdigest())
    return sources


def reader_sources(settings):
    """The source of every module of the package of each reader in READERS that is not a package's
    (plugins/body_sanitizer's sanitizing readers)."""
    sources = []
    for reader in sorted(filter(None, settings.get("READERS", {}).values()), key=named):
        folder = os.path.dirname(sys.modules[reader.__module__].__file__)
        if "site-packages" in folder:
            continue
        for path in sorted(glob.glob(os.path.join(glob.escape(folder), "*.py"))):
            with open(path, "rb") as stream:
                sources.append(hashlib.sha256(stream.read()).hexdigest())
    return sources


def named(value):
    """A JSON-able stand-in for a setting's value that is the same in every process (no memory addresses)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def reading_key(settings):
    described = {
        "settings": {name: settings.get(name) for name in READING_SETTINGS},
        "versions": [importlib.metadata.version(package) for package in READING_PACKAGES],
        "extensions": extension_sources(settings),
        "readers": reader_sources(settings),
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True, default=named).encode()).hexdigest()


def drop_stale_reader_cache(pelican):
    """Remove Pelican's cached readings when what they were read with has changed."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT") and not settings.get("LOAD_CONTENT_CACHE"):
        return
    folder = settings["CACHE_PATH"]
    key, key_path = reading_key(settings), os.path.join(folder, KEY_FILE)
    try:
        with open(key_path, encoding="utf-8") as stream:
            if stream.read() == key:
                return
    except FileNotFoundError:
        pass
    stale = glob.glob(os.path.join(glob.escape(folder), "*-Readers"))
    for path in stale:
        os.remove(path)
    if stale:
        logger.info("Reader cache dropped: the reading settings, extensions or versions changed")
    os.makedirs(folder, exist_ok=True)
    with open(key_path, "w", encoding="utf-8") as stream:
        stream.write(key)
