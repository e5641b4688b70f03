"""`python -m benchmarks`: installs wrk and Prism when missing, runs the suites, writes a report."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import machine, report, tools
from benchmarks.model import BenchError, Context, Section
from benchmarks.suites import SUITES

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run (3)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved throughput rounds (3)")
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="work item counts for the scale suite"
    )
    parser.add_argument(
        "--only", action="append", choices=sorted(SUITES), help="run only these suites"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace) -> Context:
    work_dir = ROOT / ".bench"
    work_dir.mkdir(exist_ok=True)
    wrk = tools.ensure_wrk()
    prism = tools.ensure_prism(work_dir)
    versions = {
        "wrk": tools.wrk_version(wrk),
        "Prism": tools.prism_version(prism),
    }
    sizes = tuple(int(size) for size in args.sizes.split(","))
    return Context(ROOT, work_dir, wrk, prism, args.duration, args.rounds, sizes, versions)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC)
    clock = time.monotonic()
    try:
        ctx = prepare(args)
        sections: list[Section] = [
            run(ctx) for name, run in SUITES.items() if not args.only or name in args.only
        ]
    except BenchError as error:
        sys.stderr.write(f"make bench: {error}\n")
        return 1
    text = report.render(
        machine=machine.describe(ctx.versions),
        command="make bench"
        if argv is None and len(sys.argv) == 1
        else "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv),
        started=started.strftime("%Y-%m-%d %H:%M UTC"),
        minutes=(time.monotonic() - clock) / 60,
        sections=sections,
        findings=report.FINDINGS.read_text(),
    )
    args.output.write_text(text)
    sys.stderr.write(f"[bench] wrote {args.output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
