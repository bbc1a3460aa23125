"""glibc's own record of whether a process ever had a second thread (`__libc_single_threaded`):
a thread that ended leaves no other trace, and still makes every lock dearer (issue 18).
A module of its own so that a process of the batch (a Dask worker's analysing process) can import it."""

from __future__ import annotations

import ctypes
import os


def never_had_a_second_thread() -> bool:
    return ctypes.c_bool.in_dll(ctypes.CDLL(None), "__libc_single_threaded").value


def this_process() -> tuple[int, int, bool]:
    """(pid, parent's pid, never had a second thread?) of the process this runs in."""
    return os.getpid(), os.getppid(), never_had_a_second_thread()
