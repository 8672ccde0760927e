"""How the workspace's long-lived Python processes end: without the interpreter's final
garbage collections.

A kernel that ran a notebook (pandas, matplotlib, seaborn and their objects) spends about
0.4 s at exit in the interpreter's last collections. It is given half a second to end on
request (helpers.runner.execute.SHUTDOWN_WAIT), so every notebook waited about that long
after its outputs were saved; a test worker of a thousand tests took as long, with
pytest-xdist's main process waiting on it.

`gc.freeze()` run at exit moves every object out of the collector's sight first: the kernel
ends in about 0.1 s. Objects still reachable are released as before when the modules are
cleared, so files are flushed and closed, and the operating system takes back the memory.
Only unreachable cycles that hold a finaliser go unfinalised; the workspace writes its files
whole and closes them (helpers.core.files), so no output waits on one.
"""

import atexit
import gc


def skip_final_collection() -> None:
    """Freeze the heap when this process exits, before the interpreter's final collections
    (registered once, however often it is called)."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
