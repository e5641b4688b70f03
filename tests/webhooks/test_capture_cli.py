"""`workitems-mock capture` as a user runs it: banner with the URL, live lines, clean Ctrl-C."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from mock_server.cli import main


@contextmanager
def running(command: list[str]) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str]]]:
    """The process and its output lines, read on a thread so a test can wait with a timeout."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    stdout = process.stdout
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stdout:
            lines.put(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        reader.join(timeout=10)
        stdout.close()


def test_capture_announces_its_url_prints_each_webhook_and_stops_on_ctrl_c(tmp_path):
    command = [sys.executable, "-m", "mock_server", "capture", "--port", "0", "--secret", "k"]
    command += ["--save", str(tmp_path / "c.jsonl")]
    with running(command) as (process, output):
        first = output.get(timeout=20)
        url = first.split(" on ")[1].split()[0]
        main(["send-webhook", "--to", url + "hook", "--secret", "k", "--work-item-id", "wi-7"])
        line = next(line for line in iter(lambda: output.get(timeout=10), "") if "#1" in line)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)

    assert first.startswith("workitems-mock capturing webhooks on http://127.0.0.1:")
    assert "POST /hook  work_item=wi-7  status=COMPLETED  signature=valid  -> 200" in line
    assert (tmp_path / "c.jsonl").read_text().count("\n") == 1
    assert process.returncode == 0
