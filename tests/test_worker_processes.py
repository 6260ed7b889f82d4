"""worker_processes: how many workers a setting asks for, and the clean processes they run in.

A process has one fork server, started by its first pool: what it preloads is
seen in a fresh Python process of its own (``run_python``), never in the tests'.
"""

import concurrent.futures
import json
import multiprocessing
import os
import subprocess
import sys
import textwrap

import pytest

from portal import worker_processes

#: A module that tells in which process it was imported: the fork server's if preloaded, else the worker's own.
PROBE = """
import os

IMPORTED_IN = os.getpid()


def where():
    return {"imported in": IMPORTED_IN, "worker": os.getpid()}
"""


@pytest.mark.parametrize("configured, expected", [(None, 7), (0, 7), (1, 1), (2, 2), (16, 16)])
def test_a_worker_count_is_the_number_set_or_else_one_per_processor(monkeypatch, configured, expected):
    monkeypatch.setattr(os, "cpu_count", lambda: 7)
    assert worker_processes.worker_count(configured) == expected


@pytest.mark.parametrize("configured", [None, 0])
def test_where_the_processors_cannot_be_counted_one_worker_runs(monkeypatch, configured):
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert worker_processes.worker_count(configured) == 1


def test_workers_come_from_a_fork_server_where_there_is_one():
    assert "forkserver" in multiprocessing.get_all_start_methods(), "Linux has a fork server"
    assert worker_processes.worker_context().get_start_method() == "forkserver"


@pytest.mark.parametrize("preload", [(), ("json",)])
def test_where_there_is_no_fork_server_workers_are_spawned(monkeypatch, preload):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert worker_processes.worker_context(preload).get_start_method() == "spawn"


def test_work_given_to_a_pool_of_two_runs_in_other_processes_and_returns_its_results():
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=worker_processes.worker_context()) as pool:
        powers = list(pool.map(pow, range(8), [2] * 8))
        workers = {future.result() for future in [pool.submit(os.getpid) for _ in range(6)]}
    assert powers == [0, 1, 4, 9, 16, 25, 36, 49]
    assert workers and os.getpid() not in workers and len(workers) <= 2


def run_python(tmp_path, script):
    """Run *script* in a fresh Python that imports ``probe`` and the tests' ``portal``; return its output, as JSON."""
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    libraries = os.path.dirname(os.path.dirname(os.path.dirname(worker_processes.__file__)))
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": libraries},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_fork_server_imports_the_preloaded_modules_once_for_every_worker(tmp_path):
    seen = run_python(
        tmp_path,
        """
        import concurrent.futures, json, os
        import probe
        from portal.worker_processes import worker_context

        with concurrent.futures.ProcessPoolExecutor(2, mp_context=worker_context(preload=["probe"])) as pool:
            seen = [pool.submit(probe.where).result() for _ in range(4)]
        print(json.dumps({"build": os.getpid(), "seen": seen}))
    """,
    )
    [server] = {each["imported in"] for each in seen["seen"]}
    assert server != seen["build"]
    assert all(each["worker"] not in (server, seen["build"]) for each in seen["seen"])


def test_without_a_preload_each_worker_imports_what_it_needs_itself(tmp_path):
    seen = run_python(
        tmp_path,
        """
        import concurrent.futures, json
        import probe
        from portal.worker_processes import worker_context

        with concurrent.futures.ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
            print(json.dumps(pool.submit(probe.where).result()))
    """,
    )
    assert seen["imported in"] == seen["worker"]


def test_a_preload_declared_before_the_first_pool_reaches_the_workers_of_a_later_pool(tmp_path):
    # As in a build: audio declares its preload when it registers; parallel reading starts the fork server first.
    seen = run_python(
        tmp_path,
        """
        import concurrent.futures, json, os
        import probe
        from portal.worker_processes import declare_preload, worker_context

        declare_preload(["probe"])
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
            pool.submit(os.getpid).result()
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
            print(json.dumps(pool.submit(probe.where).result()))
    """,
    )
    assert seen["imported in"] != seen["worker"]
