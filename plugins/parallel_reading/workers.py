"""Reading source files in worker processes into the article generator's reader cache."""

import concurrent.futures
import logging
import os

from pelican.readers import Readers, _filter_discardable_metadata
from pelican.utils import file_suffix

from portal.worker_processes import worker_context, worker_count

logger = logging.getLogger(__name__)

#: Fewer unread files than this are left to Pelican: starting workers would cost more.
PARALLEL_FROM = 50
_worker_readers = {}


def start_worker(settings):
    _worker_readers["readers"] = Readers(settings)


def read_one(path):
    """What Pelican's reader makes of *path*, as its reader cache holds it; None if it cannot be read."""
    reader = _worker_readers["readers"].readers[file_suffix(path)]
    try:
        content, metadata = reader.read(path)
    except Exception:
        return None
    # Pelican's own filter: its marker of discardable values is an object that pickling would copy.
    return content, _filter_discardable_metadata(metadata)


def unread_files(generator):
    readers = generator.readers
    paths = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"])
    for path in sorted(paths):
        full_path = os.path.abspath(os.path.join(generator.path, path))
        if file_suffix(full_path) in readers.readers and readers.get_cached_data(full_path, None) is None:
            yield full_path


def read_in_workers(generator):
    settings = generator.settings
    if not settings["CACHE_CONTENT"] or settings["CONTENT_CACHING_LAYER"] != "reader":
        return
    workers = worker_count(settings.get("READING_WORKERS"))
    unread = list(unread_files(generator))
    if workers < 2 or len(unread) < PARALLEL_FROM:
        return
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=worker_context(), initializer=start_worker, initargs=(settings,)
    ) as pool:
        readings = pool.map(read_one, unread, chunksize=16)
        read = 0
        for path, reading in zip(unread, readings):
            if reading is not None:
                generator.readers.cache_data(path, reading)
                read += 1
    logger.info("Parallel reading: %d of %d unread files read by %d workers", read, len(unread), workers)
