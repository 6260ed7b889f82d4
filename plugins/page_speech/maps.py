"""The pages' blocks, their recordings, and the map of each page."""

import fnmatch
import hashlib
import json
import logging
import os

from portal.file_writing import copy_if_changed, write_atomically, write_if_changed
from portal.speech.blocks import Block, page_blocks, text_key
from portal.speech.cache import BLOCKS_FOLDER, AudioCache, cache_key
from portal.speech.engines import EngineUnavailable, check_engine, resolve_engine
from portal.speech.spoken import base_script, segments
from portal.speech.synthesis import synthesize_recordings

logger = logging.getLogger(__name__)

#: The blocks read from each page last time, by a hash of the page's bytes.
BLOCKS_CACHE = "page-speech-blocks.json"
BLOCKS_FORMAT = b"1"
#: Hex digits of a recording's cache key in its file name: 64 bits tell apart the texts of any site.
CLIP_NAME_LENGTH = 16


class PageSpeech:
    """Collects the pages of a build; at its end, records their blocks and writes their maps."""

    def __init__(self, settings, output_folder):
        self.settings = settings
        self.output_folder = output_folder
        self.pages = {}
        self.enabled = settings["AUDIO_ENABLED"] and settings["SPEECH_ENABLED"]
        self.speech_path = settings["SPEECH_PATH"]
        self.blocks_cache_path = os.path.join(settings["CACHE_PATH"], BLOCKS_CACHE)

    def add(self, page_path):
        output_path = os.path.relpath(page_path, self.output_folder).replace(os.sep, "/")
        if self.enabled and not output_path.startswith(self.settings["PLAIN_TEXT_PATH"] + "/"):
            self.pages[output_path] = page_path

    def finish(self):
        if not self.enabled or not self.pages:
            return
        engine = resolve_engine(self.settings["AUDIO_ENGINE"])
        try:
            check_engine(engine)
        except EngineUnavailable as error:
            logger.warning("No recordings of the pages' blocks: %s. 指读 and 连读 use the browser's voice.", error)
            return
        blocks = self.read_blocks()
        recipe = (engine, self.settings["AUDIO_RATE"], self.settings["AUDIO_BIT_RATE"])
        distinct = {block for page in blocks.values() for block in page}
        plans = {block: self.plan(block, *recipe) for block in distinct}
        cache = AudioCache(os.path.join(self.settings["AUDIO_CACHE_PATH"], BLOCKS_FOLDER))
        wanted = {key: clip for plan in plans.values() for key, clip in plan}
        seconds = {key: info["seconds"] for key in wanted if (info := cache.info(key))}
        missing = {key: [clip] for key, clip in wanted.items() if key not in seconds}
        failures = (
            synthesize_recordings(missing, engine, self.settings, cache, "Audio of page blocks") if missing else {}
        )
        for key, error in failures.items():
            logger.warning("No recording of %r: %s", wanted[key][1][:60], error)
        seconds.update({key: cache.info(key)["seconds"] for key in missing.keys() - failures.keys()})
        recorded = {}
        for key, length in seconds.items():
            name = f"{key[:2]}/{key[:CLIP_NAME_LENGTH]}.mp3"
            copy_if_changed(cache.mp3_path(key), os.path.join(self.clips_folder, name))
            recorded[key] = [name, 0, length]
        cache.record_use(recorded)
        sounds = {
            block: [recorded[key] for key, _ in plan]
            for block, plan in plans.items()
            if plan and all(key in recorded for key, _ in plan)
        }
        for output_path in self.pages:
            self.write_map(output_path, [*blocks[output_path], *self.shared_blocks(output_path, blocks)], sounds)
        logger.info(
            "Speech: %d pages, %d blocks, %d distinct recordings (%d synthesized, %d failed)",
            len(self.pages),
            sum(len(page) for page in blocks.values()),
            len(wanted),
            len(missing) - len(failures),
            len(failures),
        )

    @property
    def clips_folder(self):
        return os.path.join(self.output_folder, self.speech_path, "clips")

    def plan(self, block, engine, rate, bit_rate):
        """[(cache key, (voice, text)), …]: the recordings that read *block*, one a run of one voice."""
        planned = segments([block.text], base_script(block.lang), self.settings["AUDIO_VOICES"])
        return [(cache_key([clip], engine, rate, bit_rate), clip) for clip in planned]

    def read_blocks(self):
        """{output path: [Block, …]} of every page, from the cache where the page's bytes are unchanged."""
        try:
            with open(self.blocks_cache_path, encoding="utf-8") as stream:
                cached = json.load(stream)
        except (FileNotFoundError, ValueError):
            cached = {}
        found, kept = {}, {}
        for output_path, page_path in self.pages.items():
            with open(page_path, "rb") as stream:
                markup = stream.read()
            digest = hashlib.sha256(BLOCKS_FORMAT + b"\0" + markup).hexdigest()
            pairs = cached.get(digest)
            if pairs is None:
                pairs = [[block.text, block.lang] for block in page_blocks(markup)]
            kept[digest] = pairs
            found[output_path] = [Block(text, lang) for text, lang in pairs]
        write_atomically(self.blocks_cache_path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        return found

    def shared_blocks(self, output_path, blocks):
        """The blocks of the pages whose texts *output_path*'s script shows as results."""
        patterns = self.settings["SPEECH_SHARED_BLOCKS"].get(output_path, ())
        return [
            block
            for other, page in blocks.items()
            if other != output_path and any(fnmatch.fnmatch(other, pattern) for pattern in patterns)
            for block in page
        ]

    def write_map(self, output_path, blocks, sounds):
        mapped = {text_key(block.text): sounds[block] for block in blocks if block in sounds}
        data = {"clips": f"{self.settings['SITEURL']}/{self.speech_path}/clips/", "blocks": mapped}
        target = os.path.join(self.output_folder, self.speech_path, "pages", output_path + ".json")
        write_if_changed(target, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
