"""Build the sample portal several times and report wall time, CPU time and page count.

.venv/bin/python bench/sample_build.py [--runs N]
"""

import argparse
import pathlib
import resource
import statistics
import subprocess
import tempfile
import time

from common import ROOT, SAMPLE_CONTENT, pelican_command


def build_once(output):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        pelican_command(SAMPLE_CONTENT, output, "-q"),
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        output = pathlib.Path(folder) / "output"
        timings = [build_once(output) for _ in range(runs)]
        pages = sum(1 for _ in output.rglob("*.html"))
        files = sum(1 for path in output.rglob("*") if path.is_file())
    items = sum(1 for path in SAMPLE_CONTENT.rglob("*.md") if "pages" not in path.parts)
    walls = [wall for wall, _ in timings]
    cpus = [cpu for _, cpu in timings]
    print(f"sample portal: {items} item files -> {pages} HTML pages ({files} files)")
    print(
        f"build wall time: median {statistics.median(walls):.2f} s "
        f"(min {min(walls):.2f}, max {max(walls):.2f}, {runs} runs)"
    )
    print(f"build CPU time:  median {statistics.median(cpus):.2f} s")


if __name__ == "__main__":
    main()
