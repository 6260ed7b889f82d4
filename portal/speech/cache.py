"""The speech cache: MP3 files named by a hash of what they say and how.

It lives outside the output folder (``AUDIO_CACHE_PATH``) so ``invoke clean``
keeps it: an unchanged item is never synthesized again.  Each entry is
``<key>.mp3`` with ``<key>.json`` (its duration and size); ``manifest.json``
lists the keys the last build used, so stale entries can be pruned.
"""

import hashlib
import json
import os
from collections.abc import Iterable

from portal.file_writing import write_atomically

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: The folder, in AUDIO_CACHE_PATH, of the recordings of the pages' blocks (plugin page_speech).
BLOCKS_FOLDER = "blocks"


def cache_key(segments: list[tuple[str, str]], engine: str, rate: int, bit_rate: int) -> str:
    recipe = {"version": FORMAT_VERSION, "engine": engine, "rate": rate, "bit_rate": bit_rate, "segments": segments}
    return hashlib.sha256(json.dumps(recipe, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:32]


class AudioCache:
    def __init__(self, folder: str) -> None:
        self.folder = folder

    def mp3_path(self, key: str) -> str:
        return os.path.join(self.folder, f"{key}.mp3")

    def info(self, key: str) -> dict | None:
        """``{"seconds": …, "size": …}`` of a cached entry, or None."""
        try:
            with open(os.path.join(self.folder, f"{key}.json"), encoding="utf-8") as stream:
                info = json.load(stream)
            complete = os.path.getsize(self.mp3_path(key)) == info.get("size")
        except (FileNotFoundError, ValueError):
            return None
        return info if complete else None

    def store(self, key: str, mp3: bytes, seconds: float) -> dict:
        write_atomically(self.mp3_path(key), mp3)
        info = {"seconds": round(seconds, 2), "size": len(mp3)}
        write_atomically(os.path.join(self.folder, f"{key}.json"), json.dumps(info).encode())
        return info

    def record_use(self, keys: Iterable[str]) -> None:
        write_atomically(os.path.join(self.folder, MANIFEST), json.dumps(sorted(keys)).encode())

    def prune(self) -> int:
        """Remove entries the last build did not use; return how many were removed."""
        try:
            with open(os.path.join(self.folder, MANIFEST), encoding="utf-8") as stream:
                used = set(json.load(stream))
        except FileNotFoundError:
            return 0
        removed = 0
        for name in os.listdir(self.folder):
            key, extension = os.path.splitext(name)
            if extension in (".mp3", ".json", ".part") and name != MANIFEST and key not in used:
                os.unlink(os.path.join(self.folder, name))
                removed += extension == ".mp3"
        return removed
