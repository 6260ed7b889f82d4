"""The missing recordings, synthesized in worker processes, checked, encoded and cached."""

import concurrent.futures
import os
import queue
import tempfile

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from portal.worker_processes import worker_context, worker_count

from .cache import AudioCache
from .engines import synthesize
from .sound import assemble

#: What the synthesis workers import, once, in the fork server.
WORKER_MODULES = ("portal.speech.engines", "portal.speech.sound")

Segments = list[tuple[str, str]]


def record(engine: str, voice: str, text: str, rate: int, bit_rate: int, wav: str) -> tuple[bytes, float]:
    """Synthesize, check and encode a recording of one segment: (MP3 bytes, seconds).  Runs in a worker."""
    return assemble([synthesize(engine, voice, text, rate, wav)], [(voice, text)], bit_rate)


def synthesize_recordings(
    missing: dict[str, Segments], engine: str, settings: dict, cache: AudioCache, what: str
) -> dict[str, BaseException]:
    """Synthesize every segment of the *missing* recordings ({cache key: [(voice, text), …]})
    in worker processes, then assemble (join, check, encode) each recording in a worker too;
    a recording of one segment is made whole by one worker.

    *what* names the recordings on the progress bar.  Returns {key: error} of the
    recordings that failed; the others are in *cache*.
    """
    workers = worker_count(settings["AUDIO_WORKERS"])
    rate, bit_rate = settings["AUDIO_RATE"], settings["AUDIO_BIT_RATE"]
    failures: dict[str, BaseException] = {}
    left = {key: len(planned) for key, planned in missing.items()}
    columns = [
        TextColumn(what),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("done, {task.remaining:.0f} to go, about"),
        TimeRemainingColumn(),
    ]
    # Futures report here as they finish: waiting on thousands of them at once costs each wait all of them.
    finished: queue.SimpleQueue = queue.SimpleQueue()
    with (
        tempfile.TemporaryDirectory(prefix="audio-") as scratch,
        Progress(*columns, transient=True) as progress,
        concurrent.futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=worker_context(preload=WORKER_MODULES),
            # pyttsx3: one utterance per worker process.
            max_tasks_per_child=1 if engine == "pyttsx3" else None,
        ) as pool,
    ):
        task = progress.add_task(what, total=len(missing))

        def submit(kind, key, function, *arguments):
            pool.submit(function, *arguments).add_done_callback(lambda future: finished.put((kind, key, future)))

        def wav(key, index):
            return os.path.join(scratch, f"{key}-{index:04d}.wav")

        running = 0
        for key, planned in missing.items():
            if len(planned) == 1:
                submit("whole", key, record, engine, *planned[0], rate, bit_rate, wav(key, 0))
                running += 1
                continue
            for index, (voice, text) in enumerate(planned):
                submit("segment", key, synthesize, engine, voice, text, rate, wav(key, index))
                running += 1
        while running:
            kind, key, future = finished.get()
            running -= 1
            if future.exception() is not None:
                failures.setdefault(key, future.exception())
            if kind == "segment":
                left[key] -= 1
                if left[key]:
                    continue
                if key not in failures:
                    wavs = [wav(key, index) for index in range(len(missing[key]))]
                    submit("whole", key, assemble, wavs, missing[key], bit_rate)
                    running += 1
                    continue
            elif key not in failures:
                mp3, seconds = future.result()
                cache.store(key, mp3, seconds)
            progress.advance(task)
    return failures
