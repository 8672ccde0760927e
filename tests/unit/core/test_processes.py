"""helpers.core.processes: a process that asked for it freezes its heap at exit, before the
interpreter's final collections, once however often it asked."""

import subprocess
import sys

EXITS = """
import atexit, gc
frozen = []
freeze = gc.freeze
gc.freeze = lambda: frozen.append(True) or freeze()  # counts the calls
atexit.register(lambda: print("freezes at exit:", len(frozen), gc.get_freeze_count() > 0))
from helpers.core.processes import skip_final_collection
garbage = [[i] for i in range(1000)]
{calls}
"""


def exit_report(calls: str) -> str:
    """What a fresh interpreter that made `calls` said at its exit (the check runs last)."""
    code = EXITS.format(calls=calls)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_heap_is_frozen_at_exit_once_however_often_asked():
    assert exit_report("skip_final_collection()") == "freezes at exit: 1 True"
    assert exit_report("skip_final_collection()\n" * 3) == "freezes at exit: 1 True"


def test_nothing_is_frozen_unless_asked():
    assert exit_report("pass") == "freezes at exit: 0 False"
