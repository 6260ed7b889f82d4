"""Speed of the audio versions: characters synthesized a second with 1 and N workers,
for each engine, against espeak-ng's own command line on the same text; and the
cost of a warm rebuild (everything cached) against the cold audio build.

    .venv/bin/python bench/audio_speed.py [--characters 20000] [--workers N]
"""

import argparse
import concurrent.futures
import os
import subprocess
import tempfile
import time

from common import ROOT, SAMPLE_CONTENT, pelican_command
from pelican import Pelican, signals
from pelican.plugins.item_audio.build import item_segments
from pelican.settings import read_settings

from portal.speech.cache import AudioCache, cache_key
from portal.speech.engines import synthesize
from portal.speech.synthesis import synthesize_recordings
from portal.worker_processes import worker_context


def sample_recordings(limit):
    """{key: segments} of sample items, in order, up to about *limit* characters."""
    found = []

    def grab(generators):  # when the plugin plans: every body is parsed and final
        found.extend(
            item_segments(item, generator.settings)
            for generator in generators
            for item in getattr(generator, "articles", [])
        )

    signals.all_generators_finalized.connect(grab)
    with tempfile.TemporaryDirectory() as output:
        Pelican(
            read_settings(
                str(ROOT / "pelicanconf.py"),
                override={"PATH": str(ROOT / "content"), "OUTPUT_PATH": output, "AUDIO_ENABLED": False},
            )
        ).run()
    signals.all_generators_finalized.disconnect(grab)
    chosen, total = {}, 0
    for segments in found:
        if total >= limit:
            break
        chosen[cache_key(segments, "bench", 0, 0)] = segments
        total += sum(len(text) for _, text in segments)
    return chosen, total


def espeak_command_line(recordings, rate):
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for key, segments in recordings.items():
            for index, (voice, text) in enumerate(segments):
                subprocess.run(
                    ["espeak-ng", "-v", voice, "-s", str(rate), "-w", f"{folder}/{key}-{index}.wav"],
                    input=text.encode(),
                    check=True,
                    capture_output=True,
                )
        return time.perf_counter() - started


def synthesis_only(recordings, engine, workers, rate):
    """Every segment to WAV through the plugin's workers, without joining or encoding."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=worker_context(), max_tasks_per_child=1 if engine == "pyttsx3" else None
        ) as pool:
            jobs = [
                pool.submit(synthesize, engine, voice, text, rate, f"{folder}/{key}-{index}.wav")
                for key, segments in recordings.items()
                for index, (voice, text) in enumerate(segments)
            ]
            for job in jobs:
                job.result()
        return time.perf_counter() - started


def pipeline(recordings, engine, workers, settings):
    with tempfile.TemporaryDirectory() as folder:
        run_settings = {**settings, "AUDIO_WORKERS": workers}
        started = time.perf_counter()
        failures = synthesize_recordings(recordings, engine, run_settings, AudioCache(folder), "Audio")
        assert not failures, failures
        return time.perf_counter() - started


def build_seconds(output, **settings):
    started = time.perf_counter()
    subprocess.run(
        pelican_command(SAMPLE_CONTENT, output, "-q", **settings),
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    arguments = parser.parse_args()
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    recordings, characters = sample_recordings(arguments.characters)
    segments = sum(len(s) for s in recordings.values())
    print(f"text: {len(recordings)} sample items, {segments} segments, {characters:,} characters")
    baseline = espeak_command_line(recordings, settings["AUDIO_RATE"])
    print(f"espeak-ng command line, one process after another: {characters / baseline:,.0f} chars/s")
    print("engine    workers  synthesis only (chars/s, per worker, CLI/per worker)   whole pipeline with MP3 (chars/s)")
    for engine in ["espeak-ng", "pyttsx3"]:
        for workers in sorted({1, arguments.workers}):
            synthesis = characters / synthesis_only(recordings, engine, workers, settings["AUDIO_RATE"])
            whole = characters / pipeline(recordings, engine, workers, settings)
            print(
                f"{engine:9s} {workers:7d}  {synthesis:8,.0f} {synthesis / workers:8,.0f} "
                f"{(characters / baseline) / (synthesis / workers):8.2f}x {whole:30,.0f}"
            )
    with tempfile.TemporaryDirectory() as folder:
        cache, output = f'"{folder}/cache"', f"{folder}/output"
        quiet = build_seconds(output, AUDIO_ENABLED=False)
        cold = build_seconds(output, AUDIO_CACHE_PATH=str(cache))
        warm = build_seconds(output, AUDIO_CACHE_PATH=str(cache))
    print(f"sample build: without audio {quiet:.1f} s, cold with audio {cold:.1f} s, warm {warm:.1f} s")
    print(
        f"warm audio cost: {warm - quiet:+.2f} s = {100 * (warm - quiet) / (cold - quiet):.1f}% of the cold audio build"
    )


if __name__ == "__main__":
    main()
