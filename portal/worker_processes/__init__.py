"""Worker processes for a build's parallel work: a library, not a Pelican plugin.

Audio synthesis, item reading and the plain-text twins run in worker
processes. Workers come from a fork server, spawned once and clean, so they
never inherit the build's state (an initialized speech engine, Pelican's
signals) and start far cheaper than spawned ones; where there is no fork
server, they are spawned.

A process has one fork server, started by its first pool, and what it imports
first is fixed then.  So a plugin whose workers want modules imported once in
the fork server (audio: the speech engine and the encoder) declares them with
:func:`declare_preload` when it registers, before any pool of the build starts.
"""

import multiprocessing
import os
from collections.abc import Iterable

#: The modules the fork server imports before it forks any worker, in the order declared.
_preloaded: list[str] = []


def declare_preload(modules: Iterable[str]) -> None:
    """Have the fork server import *modules* first, for every pool of this process that starts after this."""
    _preloaded.extend(module for module in modules if module not in _preloaded)


def worker_context(preload: Iterable[str] = ()) -> multiprocessing.context.BaseContext:
    """The multiprocessing context of the workers; *preload* (and every module declared with
    :func:`declare_preload`) names modules the fork server imports first, if it has not started yet."""
    declare_preload(preload)
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        if _preloaded:
            context.set_forkserver_preload(list(_preloaded))
        return context
    return multiprocessing.get_context("spawn")


def worker_count(configured: int | None) -> int:
    """The number of workers a setting asks for; None or 0: one per processor."""
    return configured or os.cpu_count() or 1
