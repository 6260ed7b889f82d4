"""Give every published item its audio: plan, synthesize in parallel, verify, encode, cache."""

import dataclasses
import logging
import os

from pelican.generators import ArticlesGenerator

from portal.file_writing import copy_if_changed
from portal.speech.cache import AudioCache, cache_key
from portal.speech.engines import EngineUnavailable, check_engine, resolve_engine
from portal.speech.spoken import base_script, read_aloud_lines, segments
from portal.speech.synthesis import synthesize_recordings

logger = logging.getLogger(__name__)


class AudioFailed(RuntimeError):
    """With AUDIO_STRICT, an item without audio fails the build."""


@dataclasses.dataclass(frozen=True)
class ItemAudio:
    url: str
    seconds: float
    size: int

    @property
    def duration_label(self):
        minutes, seconds = divmod(round(self.seconds), 60)
        return f"{minutes}分{seconds:02d}秒" if minutes else f"{seconds}秒"

    @property
    def size_label(self):
        return f"{self.size / 1024:.0f} KB" if self.size < 1024 * 1024 else f"{self.size / 1048576:.1f} MB"


def spoken_lines(item):
    """Title, key metadata and body of an item, as lines to read aloud."""
    lines = [item.title, f"发布机构：{item.publisher}", f"发布日期：{item.date:%Y-%m-%d}"]
    if getattr(item, "doc_no", ""):
        lines.append(f"文号：{item.doc_no}")
    if item.validity != "有效":
        lines.append(f"有效性：{item.validity}")
    return lines + read_aloud_lines(item.body.blocks)


def item_segments(item, settings):
    return segments(spoken_lines(item), base_script(item.lang), settings["AUDIO_VOICES"])


def add_audio(generators):
    """Synthesize what is missing, then give each item ``audio`` (an ItemAudio or None)."""
    generator = next(generator for generator in generators if isinstance(generator, ArticlesGenerator))
    settings = generator.settings
    items = list(generator.articles)
    for item in items:
        item.audio = None
    if not settings["AUDIO_ENABLED"] or not items:
        return
    engine = resolve_engine(settings["AUDIO_ENGINE"])
    try:
        check_engine(engine)
    except EngineUnavailable as error:
        message = f"No audio versions: {error}. The portal is built without audio players."
        if settings["AUDIO_STRICT"]:
            raise AudioFailed(message) from None
        logger.warning(message)  # a preview may go without players; an error would fail the build
        return

    cache = AudioCache(settings["AUDIO_CACHE_PATH"])
    rate, bit_rate = settings["AUDIO_RATE"], settings["AUDIO_BIT_RATE"]
    plans = {}
    for item in items:
        planned = item_segments(item, settings)
        plans[item] = (cache_key(planned, engine, rate, bit_rate), planned)
    missing = {key: planned for key, planned in plans.values() if cache.info(key) is None}
    failures = synthesize_recordings(missing, engine, settings, cache, "Audio of items") if missing else {}

    for item, (key, _) in plans.items():
        if key in failures:
            logger.warning("%s: no audio version: %s", item.source_path, failures[key])
            continue
        info = cache.info(key)
        target = f"{settings['AUDIO_PATH']}/{item.category.slug}/{item.slug}.mp3"
        publish(cache.mp3_path(key), os.path.join(generator.output_path, target))
        item.audio = ItemAudio(target, info["seconds"], info["size"])
    cache.record_use(key for key, _ in plans.values())
    logger.info(
        "Audio: %d items, %d synthesized, %d from the cache, %d failed",
        len(plans),
        len(missing) - len(failures),
        len(plans) - len(missing),
        len(failures),
    )
    if failures and settings["AUDIO_STRICT"]:
        raise AudioFailed(f"{len(failures)} items have no audio version (AUDIO_STRICT is on)")


def publish(source, target):
    """Copy a cached MP3 into the output, leaving an identical file untouched."""
    copy_if_changed(source, target)
