"""The Pelican that copies the theme's static files when they change and sweeps what a build did not make."""

import logging
import os

from pelican import Pelican

from file_writing import built_files, start_build, write_if_changed

logger = logging.getLogger(__name__)


def copy_theme_static(settings, theme, output_path):
    """Copy each file of the theme's STABLE_THEME_STATIC folders to THEME_STATIC_DIR, when it changed."""
    for path in settings["STABLE_THEME_STATIC"]:
        source = os.path.join(theme, path)
        for folder, _, names in os.walk(source):
            for name in names:
                original = os.path.join(folder, name)
                with open(original, "rb") as stream:
                    data = stream.read()
                write_if_changed(os.path.join(output_path, settings["THEME_STATIC_DIR"],
                                              os.path.relpath(original, source)), data)


def sweep(output_path, kept, retained):
    """Remove every file under *output_path* not in *kept* (nor named in *retained* at the top), and empty folders."""
    removed = 0
    for folder, subfolders, names in os.walk(output_path, topdown=False):
        top = folder == output_path
        for name in names:
            path = os.path.join(folder, name)
            if path not in kept and not (top and name in retained):
                os.remove(path)
                removed += 1
        for name in subfolders:
            path = os.path.join(folder, name)
            if not (top and name in retained) and not os.path.islink(path) and not os.listdir(path):
                os.rmdir(path)
    return removed


class StableOutputPelican(Pelican):
    def init_plugins(self):
        super().init_plugins()
        # The sweep must never run without the writer that notes every page.
        from stable_output import register  # noqa: PLC0415  (this module is part of that package)

        register()

    def run(self):
        start_build()
        super().run()
        copy_theme_static(self.settings, self.theme, self.output_path)
        output = os.path.abspath(self.output_path)
        if os.path.commonpath([output, os.path.abspath(self.path)]) == output:
            return  # the content is inside the output (as Pelican, never delete there)
        removed = sweep(output, built_files(), set(self.output_retention))
        if removed:
            logger.info("Removed %d file%s that this build no longer makes", removed, "s" * (removed != 1))
