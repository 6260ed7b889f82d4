"""Build speed at scale: plain Pelican against the portal, cold, warm and after one edit.

    .venv/bin/python bench/build_speed.py --items 1000 [--rounds 2] [--workdir DIR]

Makes a corpus of N items (bench/corpus.py) and builds it, in each round:

  a  plain Pelican: its default theme, no plugins, no cache (the floor);
  b  the portal with every feature but audio, cold: no output, empty caches;
  c  the portal again, warm, nothing changed;
  d  the portal warm, after one item's text changed.

Rounds interleave the four, so a slow moment of the machine slows all alike.
Prints for each its median wall time, CPU time (the build and every process it
started, worker pools included) and peak memory (the largest sum of resident memory of the build's
process tree, sampled every 20 ms); the ratios b/a, c/b and d/b; and how many
files of the output c and d rewrote (c should rewrite none).
"""

import argparse
import json
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import time

from common import ROOT, pelican_command
from corpus import make_corpus

BUILDS = {
    "a": "plain Pelican (floor)",
    "b": "portal, cold",
    "c": "portal, warm, unchanged",
    "d": "portal, warm, one item changed",
}
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
FLOOR_SETTINGS = """\
# Plain Pelican: its default theme, no plugins; only what the corpus needs to build.
PATH = {content!r}
SLUGIFY_SOURCE = "basename"
ARTICLE_EXCLUDES = ["pages", "attachments", "images"]
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
"""


def children_of():
    """Map every process id to the ids of its children, from /proc."""
    children = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stream:
                    parent = int(stream.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    return children


def tree_usage(root, cpu):
    """Resident bytes of *root* and all its descendants; record each one's CPU seconds so far in *cpu*."""
    children, total, waiting = children_of(), 0, [root]
    while waiting:
        pid = waiting.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as stream:
                total += int(stream.read().split()[1]) * PAGE_SIZE
            with open(f"/proc/{pid}/stat", "rb") as stream:
                user, system = stream.read().rsplit(b")", 1)[1].split()[11:13]
            cpu[pid] = (int(user) + int(system)) / CLOCK_TICKS
        except (OSError, IndexError, ValueError):
            pass
        waiting.extend(children.get(pid, ()))
    return total


def measure(command, log):
    """Run *command*; return its wall time, CPU time and peak tree memory.

    CPU time is the larger of what the processes that were waited for report
    and the sum over every process of the tree as last sampled: worker pools
    started through a fork server are not the build's children, and are never
    counted by the first.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(log, "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        peak, sampled = 0, {}
        while process.poll() is None:
            peak = max(peak, tree_usage(process.pid, sampled))
            time.sleep(0.02)
    wall = time.perf_counter() - started
    if process.returncode:
        sys.exit(f"{' '.join(command)} failed; its output is in {log}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return {"wall": wall, "cpu": max(waited, sum(sampled.values())), "memory": peak}


def file_stamps(folder):
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def rewritten(before, after):
    return sum(1 for path, stamp in after.items() if before.get(path) != stamp)


def change_one_item(content, round_number):
    item = sorted(path for path in content.rglob("*.md") if "pages" not in path.parts)[0]
    with open(item, "a", encoding="utf-8") as stream:
        stream.write(f"\n本段为基准测试第{round_number}轮追加的修改。\n")


class Benchmark:
    def __init__(self, workdir, items):
        self.workdir = workdir
        self.content = workdir / "content"
        self.floor_settings = workdir / "floor.py"
        self.portal_output = workdir / "portal"
        self.cache = workdir / "cache"
        make_corpus(items, self.content)
        self.floor_settings.write_text(FLOOR_SETTINGS.format(content=str(self.content)), encoding="utf-8")

    def floor(self, name):
        shutil.rmtree(self.workdir / "floor", ignore_errors=True)
        command = pelican_command(self.content, self.workdir / "floor", settings_file=self.floor_settings)
        return measure(command, self.workdir / f"{name}.log")

    def portal(self, name):
        command = pelican_command(
            self.content,
            self.portal_output,
            AUDIO_ENABLED=False,
            CACHE_PATH=str(self.cache / "pelican"),
            IMAGE_CACHE_PATH=str(self.cache / "images"),
        )
        return measure(command, self.workdir / f"{name}.log")

    def round(self, number):
        results = {"a": self.floor(f"a{number}")}
        shutil.rmtree(self.portal_output, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        results["b"] = self.portal(f"b{number}")
        before = file_stamps(self.portal_output)
        results["c"] = self.portal(f"c{number}")
        after_c = file_stamps(self.portal_output)
        change_one_item(self.content, number)
        results["d"] = self.portal(f"d{number}")
        results["c"]["rewritten"] = rewritten(before, after_c)
        results["d"]["rewritten"] = rewritten(after_c, file_stamps(self.portal_output))
        results["c"]["files"] = len(after_c)
        return results


def summary(rounds):
    medians = {}
    for build in BUILDS:
        medians[build] = {
            measure: statistics.median(result[build][measure] for result in rounds)
            for measure in ("wall", "cpu", "memory")
        }
        for extra in ("rewritten", "files"):
            if extra in rounds[0][build]:
                medians[build][extra] = max(result[build][extra] for result in rounds)
    wall = {build: medians[build]["wall"] for build in BUILDS}
    ratios = {"b/a": wall["b"] / wall["a"], "c/b": wall["c"] / wall["b"], "d/b": wall["d"] / wall["b"]}
    return medians, ratios


def report(items, rounds, medians, ratios):
    print(f"{items} items, {rounds} round{'s' * (rounds != 1)} (medians)")
    print(f"{'build':34} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for build, label in BUILDS.items():
        figures = medians[build]
        print(f"{build}  {label:31} {figures['wall']:8.2f} {figures['cpu']:8.2f} {figures['memory'] / 2**20:9.0f}")
    print("  ".join(f"{name} = {value:.2f}" for name, value in ratios.items()))
    print(f"files rewritten: c {medians['c']['rewritten']} of {medians['c']['files']}, d {medians['d']['rewritten']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workdir", default="/tmp/build-speed", help="replaced; kept afterwards for inspection")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    workdir = pathlib.Path(options.workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    benchmark = Benchmark(workdir, options.items)
    rounds = [benchmark.round(number) for number in range(1, options.rounds + 1)]
    medians, ratios = summary(rounds)
    report(options.items, options.rounds, medians, ratios)
    if options.json:
        pathlib.Path(options.json).write_text(
            json.dumps({"items": options.items, "builds": medians, "ratios": ratios}, indent=2), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
