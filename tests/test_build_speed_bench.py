"""bench/build_speed.py at a small N, so the benchmark cannot rot (its figures are not judged here)."""

import json
import subprocess
import sys

import pytest
from sites import ROOT


@pytest.mark.slow
def test_the_build_speed_benchmark_runs_and_a_warm_rebuild_rewrites_nothing(tmp_path):
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            "bench/build_speed.py",
            "--items",
            "12",
            "--rounds",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "b/a = " in result.stdout and "d/b = " in result.stdout
    data = json.loads(figures.read_text(encoding="utf-8"))
    builds = data["builds"]
    assert set(builds) == {"a", "b", "c", "d"}
    assert all(build["wall"] > 0 and build["cpu"] > 0 and build["memory"] > 0 for build in builds.values())
    assert builds["c"]["rewritten"] == 0 < builds["c"]["files"]
    # The changed item's page and twin, and the listings, feeds and exports that show it.
    assert 2 <= builds["d"]["rewritten"] < builds["c"]["files"] / 2
