"""What the processes of a batch are: glibc's own record of whether a process ever had a second
thread (`__libc_single_threaded`: a thread that ended leaves no other trace, and still makes every
lock dearer, issue 18), and a Dask worker's analysing children. A module of its own so that a
batch's processes (a Dask worker, its analysing process) can import these."""

from __future__ import annotations

import ctypes
import os


def never_had_a_second_thread() -> bool:
    return ctypes.c_bool.in_dll(ctypes.CDLL(None), "__libc_single_threaded").value


def this_process() -> tuple[int, int, bool]:
    """(pid, parent's pid, never had a second thread?) of the process this runs in."""
    return os.getpid(), os.getppid(), never_had_a_second_thread()


def analysing_children() -> list[int]:
    """The pids of this process's spawned children (a Dask worker's analysing process; not
    multiprocessing's resource tracker)."""
    import psutil   # with Dask (the cluster extra)

    return [p.pid for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
