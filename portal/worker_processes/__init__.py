"""Worker processes for a build's parallel work: a library, not a Pelican plugin.

Audio synthesis, item reading and the plain-text twins run in worker
processes. Workers come from a fork server, spawned once and clean, so they
never inherit the build's state (an initialized speech engine, Pelican's
signals) and start far cheaper than spawned ones; where there is no fork
server, they are spawned.
"""

import multiprocessing
import os


def worker_context(preload=()):
    """The multiprocessing context of the workers; *preload* names modules the fork server imports first."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        if preload:
            context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def worker_count(configured):
    """The number of workers a setting asks for; None or 0: one per processor."""
    return configured or os.cpu_count() or 1
