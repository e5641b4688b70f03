"""The ceiling: a bare Flask hello world on the granian settings `workitems-mock serve` uses."""

from __future__ import annotations

import argparse
import os
from typing import Any

from flask import Flask

from mock_server.serving import DEFAULT_THREADS, THREADS_ENV, bridge, granian_options

app = Flask("hello")


@app.get("/api/v1/work-items/<work_item_id>")
def get_work_item(work_item_id: str) -> dict[str, str]:
    # A fixed four-field object, as in the first measurements (performance-notes.md).
    return {
        "work_item_id": work_item_id,
        "agent_id": "invoice_processing_agent",
        "status": "PENDING",
        "work_item_name": "hello",
    }


def load() -> Any:
    """Granian's loader (in the worker): the app behind the same bridge `serve` uses."""
    return bridge(app, int(os.environ.get(THREADS_ENV) or DEFAULT_THREADS))


def main() -> None:
    from granian import Granian

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    args = parser.parse_args()
    os.environ[THREADS_ENV] = str(args.threads)
    server = Granian("benchmarks.hello:load", **granian_options("127.0.0.1", args.port, 10.0))
    server.serve(target_loader=load, wrap_loader=False)


if __name__ == "__main__":
    main()
