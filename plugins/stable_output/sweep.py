"""The Pelican that builds in a staging folder, fails on any logged error, and swaps the output in whole."""

import logging
import os
import shutil

from pelican import Pelican
from pelican.generators import StaticGenerator

from portal.file_writing import built_files, copy_if_changed, start_build, write_if_changed
from portal.file_writing.folders import (
    OutputFolderError,
    check_output_folder,
    linked_copy,
    mark_output,
    output_lock,
    replace_folder,
)

from .reading import drop_stale_reader_cache

logger = logging.getLogger(__name__)

#: Beside the output folder ``P``: ``P.building`` (this build's staging folder) and ``P.lock``.
STAGING_SUFFIX = ".building"


class BuildFailed(SystemExit):
    """Stops a build that logged an error; a SystemExit so Pelican exits non-zero without a traceback."""


class ErrorCount(logging.Handler):
    """Counts the errors logged anywhere in the build, so that none can pass unnoticed."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def failure_message(records, live_path):
    """What a failed build says: the errors it logged, and that the output is unchanged."""
    count = len(records)
    lines = [
        f"构建失败：记录了 {count} 个错误，输出目录 {live_path} 保持原样。"
        f"(Build failed: {count} error{'s' * (count != 1)} logged; {live_path} is unchanged.)"
    ]
    lines += [f"  {record.getMessage().splitlines()[0]}" for record in records[:20]]
    if count > 20:
        lines.append(f"  ……另有 {count - 20} 个 (and {count - 20} more)")
    return "\n".join(lines)


class StableStaticGenerator(StaticGenerator):
    """Pelican's static generator, copying a file when its bytes differ (not when it is newer: a
    checkout may give a changed file an older time), by replacing it whole: the staging folder's
    files are hard links to the live ones, which writing into a file would change."""

    def _file_update_required(self, staticfile):
        return True

    def _link_or_copy_staticfile(self, sc):
        copy_if_changed(os.path.join(self.path, sc.source_path), os.path.join(self.output_path, sc.save_as))


def copy_theme_static(settings, theme, output_path):
    """Copy each file of the theme's STABLE_THEME_STATIC folders to THEME_STATIC_DIR, when it changed."""
    for path in settings["STABLE_THEME_STATIC"]:
        source = os.path.join(theme, path)
        for folder, _, names in os.walk(source):
            for name in names:
                original = os.path.join(folder, name)
                with open(original, "rb") as stream:
                    data = stream.read()
                write_if_changed(
                    os.path.join(output_path, settings["THEME_STATIC_DIR"], os.path.relpath(original, source)), data
                )


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
    """Builds into ``<output>.building`` and replaces the output with it only once the build succeeded.

    - The lock ``<output>.lock`` keeps a second build or publish of the same
      output waiting until this one ends.
    - The staging folder starts as a hard-linked copy of the output, so a warm
      build still rewrites only what changed.
    - Any error logged during the build fails it: the output stays exactly as
      it was, and the build exits non-zero.
    - A folder that is not empty and is not a portal output is refused.
    """

    def __init__(self, settings):
        self.live_path = os.path.abspath(settings["OUTPUT_PATH"])
        content = os.path.abspath(settings["PATH"])
        if os.path.commonpath([self.live_path, content]) in (self.live_path, content):
            raise BuildFailed(
                f"输出目录 {self.live_path} 与内容目录 {content} 不能相互包含"
                f"（the output and the content folder must not contain each other）"
            )
        try:
            check_output_folder(self.live_path)
        except OutputFolderError as error:
            raise BuildFailed(str(error)) from None
        self._lock = output_lock(self.live_path)
        self._lock.__enter__()  # held until the process ends
        self.errors = ErrorCount()
        logging.getLogger().addHandler(self.errors)
        settings["OUTPUT_PATH"] = self.live_path + STAGING_SUFFIX
        super().__init__(settings)

    def init_plugins(self):
        super().init_plugins()
        # The sweep must never run without the writer that notes every page.
        from pelican.plugins.stable_output import register

        register()

    def _get_generator_classes(self):
        return [StableStaticGenerator if cls is StaticGenerator else cls for cls in super()._get_generator_classes()]

    def run(self):
        drop_stale_reader_cache(self)
        staging = self.output_path
        shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed
        if os.path.isdir(self.live_path) and not self.delete_outputdir:
            linked_copy(self.live_path, staging)
        else:
            os.makedirs(staging)
        try:
            self.build_into(staging)
            replace_folder(staging, self.live_path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            self.errors.records.clear()

    def build_into(self, staging):
        start_build()
        super().run()
        copy_theme_static(self.settings, self.theme, staging)
        if self.errors.records:
            raise BuildFailed(failure_message(self.errors.records, self.live_path))
        mark_output(staging)
        removed = sweep(staging, built_files(), set(self.output_retention))
        if removed:
            logger.info("Removed %d file%s that this build no longer makes", removed, "s" * (removed != 1))
