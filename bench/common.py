"""What the benchmarks share: where the project is (its package is installed: scripts/setup.sh), and
the command line of a build."""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
PORTAL_SETTINGS = ROOT / "pelicanconf.py"


def pelican_command(content, output, *flags, settings_file=PORTAL_SETTINGS, **settings):
    """Pelican building *content* into *output* with *settings_file*, *flags* and *settings* (``-e``, as JSON)."""
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings_file), "-o", str(output), *flags]
    if settings:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    return command
