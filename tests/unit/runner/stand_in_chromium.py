"""A stand-in for Chromium driven over --remote-debugging-pipe, for the tests of
helpers.runner's chromium, pdf and browser modules.

Run by a shell script that the tests hand over as Chromium (which itself stands in for a
Chromium that hangs). It notes its arguments and every command it receives in $STAND_IN_LOG
(one JSON line each), its pid and a child's in $STAND_IN_PIDS, and answers as $STAND_IN_MODE
says:
- print: as Chromium does, printToPDF answering with the bytes of $STAND_IN_PDF, a script
  (Runtime.evaluate) with the value $STAND_IN_VALUE holds as JSON (one that throws, with
  an exception), a screenshot with the
  bytes "PNG of <width>x<height>"; after a navigation's answer it sends the events that
  $STAND_IN_EVENTS holds as JSON (of the navigating tab, unless one names its session),
  then the load event;
- refuse: an error for printToPDF;
- missing: a navigation that fails, as for a file that is not there;
- exit: says "cannot open display" and exits with 3 before reading anything.
It exits once its end of the pipe closes, as Chromium does. It imports only modules that load
quickly: it starts once for each of some forty tests.
"""

import binascii
import json
import os
import sys

ANSWERS = {
    "Target.createTarget": {"targetId": "tab-1"},
    "Target.attachToTarget": {"sessionId": "session-1"},
    "Page.navigate": {"frameId": "frame-1"},
    "Page.getLayoutMetrics": {"cssContentSize": {"x": 0, "y": 0, "width": 1200, "height": 2400}},
}


def note(entry: object) -> None:
    with open(os.environ["STAND_IN_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(entry) + "\n")


def answer(command: dict, mode: str) -> list[dict]:
    """The messages Chromium would send back for `command`: its reply, then any event."""
    method, reply = command["method"], {"id": command["id"]}
    if method == "Page.printToPDF" and mode == "refuse":
        return [reply | {"error": {"code": -32000, "message": "Printing failed"}}]
    if method == "Page.printToPDF":
        with open(os.environ["STAND_IN_PDF"], "rb") as printed:
            data = printed.read()
        return [reply | {"result": {"data": binascii.b2a_base64(data, newline=False).decode()}}]
    if method == "Page.navigate" and mode == "missing":
        return [reply | {"result": {"errorText": "net::ERR_FILE_NOT_FOUND"}}]
    if method == "Runtime.evaluate" and "throw" in command["params"]["expression"]:
        thrown = {"text": "Uncaught", "exception": {"description": "Error: thrown\n  at <anon>"}}
        return [reply | {"result": {"result": {"type": "object"}, "exceptionDetails": thrown}}]
    if method == "Runtime.evaluate":
        value = json.loads(os.environ.get("STAND_IN_VALUE", "null"))
        return [reply | {"result": {"result": {"type": "object", "value": value}}}]
    if method == "Page.captureScreenshot":
        clip = command["params"]["clip"]
        data = f"PNG of {clip['width']}x{clip['height']}".encode()
        return [reply | {"result": {"data": binascii.b2a_base64(data, newline=False).decode()}}]
    replies = [reply | {"result": ANSWERS.get(method, {})}]
    if method == "Page.navigate":
        events = json.loads(os.environ.get("STAND_IN_EVENTS", "[]"))
        loaded = {"method": "Page.loadEventFired", "params": {}}
        replies += [{"sessionId": command["sessionId"]} | e for e in [*events, loaded]]
    return replies


def main() -> None:
    mode = os.environ.get("STAND_IN_MODE", "print")
    note({"argv": sys.argv[1:], "tmpdir": os.environ.get("TMPDIR")})
    # a child, as Chromium has, that does not hold the pipe (subprocess would close it too)
    pipe_closed = [(os.POSIX_SPAWN_CLOSE, 3), (os.POSIX_SPAWN_CLOSE, 4)]
    child = os.posix_spawnp("sleep", ["sleep", "60"], os.environ, file_actions=pipe_closed)
    with open(os.environ["STAND_IN_PIDS"], "w") as pids:
        pids.write(f"{os.getpid()} {child}\n")
    if mode == "exit":
        print("cannot open display", file=sys.stderr)
        sys.exit(3)
    buffer = b""
    while chunk := os.read(3, 1 << 16):
        buffer += chunk
        while b"\0" in buffer:
            message, buffer = buffer.split(b"\0", 1)
            command = json.loads(message)
            note(command)
            for sent in answer(command, mode):
                os.write(4, json.dumps(sent).encode() + b"\0")


if __name__ == "__main__":
    main()
