"""How the workspace's long-lived Python processes end: without the interpreter's final
garbage collections.

A process that imported pandas, matplotlib and seaborn spends about 0.4 s at exit in the
interpreter's last collections over their objects, and a kernel that ran a notebook more.
A kernel is given half a second to end on request (helpers.runner.execute.SHUTDOWN_WAIT), so
every notebook waited that long for a kernel whose outputs were already saved; a test worker
kept pytest-xdist's main process waiting so, at the end of every test run.

`gc.freeze()` run at exit moves every object out of the collector's sight first: the kernel
ends in about 0.1 s. Nothing is lost: objects still reachable are released as the modules
are cleared, files are flushed and closed as before, and the operating system takes back the
memory. Only unreachable cycles that hold a finaliser are no longer finalised at exit; the
workspace writes every file whole, with `with` (helpers.core.files), and holds none.
"""

import atexit
import gc


def skip_final_collection() -> None:
    """Freeze the heap when this process exits, before the interpreter's final collections
    (registered once, however often it is called)."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
