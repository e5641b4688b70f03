"""Plain `schemathesis run`, typed as a user would, finds nothing against each served API.

No hooks and no Python API: the CLI with every check and every phase, and the settings the
emulator serves next to each contract. Each target is one API (and profile) the emulator
hosts; adding one is one line in TARGETS.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.served import Served, served

pytestmark = pytest.mark.served

# The run is deterministic, so a failure replays exactly: Schemathesis's seed, the emulator's
# ids (--seed) and clock (manual where the API allows it: the simulated side stands still,
# statuses change only by API calls), a reset before each target, one worker, and Python's
# string hashing in the CLI.
# WHY this seed: an operation that needs a work item in some status (confirm-file: PRECREATED
# with a pending remote upload; continue: CANCELLED, on a manual clock) is served only when
# Schemathesis lines up the calls before it, and it fills optional work_item_id fields from ids
# it captured, whatever their status. So whether a run meets such an operation mostly with
# 404s and warns "missing test data" depends on the seed (Sema4 documented at 40 examples:
# seeds 1, 2, 4 and 6 pass, 3, 5 and 7 warn on continue or confirm-file; never a failure), so
# each target names the seed it passes with. A new warning after a change to the contract or
# the emulator is worth reading before trying another seed.
MAX_EXAMPLES = 25  # per operation, unless a target says; all six take about 2 minutes
TIMEOUT_SECONDS = 600
CLI = Path(sys.executable).with_name("schemathesis")


@dataclass(frozen=True)
class CliTarget:
    """One API as the emulator serves it: its contract, API root and credentials."""

    name: str
    contract: str  # path of the contract on the emulator
    api_root: str  # path the contract's operations hang off
    auth_header: str
    serve_args: tuple[str, ...] = ("--clock", "manual")
    seed: int = 1
    max_examples: int = MAX_EXAMPLES

    @property
    def config(self) -> str:
        """The Schemathesis settings, served next to the contract."""
        return self.contract.rsplit("/", 1)[0] + "/schemathesis.toml"


def _key(secret: str) -> str:
    return f"Authorization: Bearer {secret}"


# WHY Agentwork's and Threada's clock runs (1000 times real time): their operations that need a
# task past spec approval, or a work item that simulated decisioning moved on from `new`, are
# otherwise never served, and Schemathesis then warns "missing test data" whenever a phase's
# refusals hold a few 404s. Statuses only move forward, so a fast clock keeps the run repeatable.
FAST_CLOCK = ("--clock", "real", "--speed", "1000")
TARGETS = [
    CliTarget("sema4-documented", "/openapi.yaml", "/api/v1", _key("local-dev-key")),
    CliTarget(
        "sema4-platform",
        "/openapi.yaml",
        "/api/public/v1",
        _key("local-dev-key"),
        ("--clock", "manual", "--profile", "platform"),
        seed=3,  # at 25 examples seeds 1 and 2 never line up a remote upload for confirm-file
    ),
    CliTarget(
        "agentwork",
        "/_mock/apis/agentwork/openapi.yaml",
        "/api/v1",
        _key("aw_live_LocalDevKey0000000000000000000"),
        FAST_CLOCK,
        max_examples=40,  # at 25, solution-status (its task must have passed spec approval) warns
    ),
    CliTarget(
        "agentwork-api-reference",  # the profile without the spec phase; same contract, settings
        "/_mock/apis/agentwork/openapi.yaml",
        "/api/v1",
        _key("aw_live_LocalDevKey0000000000000000000"),
        (*FAST_CLOCK, "--profile", "agentwork=api-reference"),
        max_examples=40,
    ),
    CliTarget(
        "docld",
        "/_mock/apis/docld/openapi.yaml",
        "/api",
        _key("docld_5eed0000000000000000000000000003"),  # premium: not throttled in one run
    ),
    CliTarget(
        "threada",
        "/_mock/apis/threada/openapi.yaml",
        "",
        _key("<token>"),
        FAST_CLOCK,
    ),
]


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[[tuple[str, ...]], Served]]:
    """An emulator per distinct way of serving, started on first use, all stopped at the end."""
    with ExitStack() as stack:
        started: dict[tuple[str, ...], Served] = {}

        def start(args: tuple[str, ...]) -> Served:
            if args not in started:
                started[args] = stack.enter_context(served(["--seed", "1", *args]))
            return started[args]

        yield start


def _download(url: str, to: Path) -> Path:
    with urllib.request.urlopen(url, timeout=10) as response:
        to.write_bytes(response.read())
    return to


def run_schemathesis(
    server: Served, target: CliTarget, workdir: Path
) -> subprocess.CompletedProcess[str]:
    config = _download(server.base_url + target.config, workdir / "schemathesis.toml")
    command = [
        str(CLI), "--config-file", str(config), "run", server.base_url + target.contract,
        "--url", server.base_url + target.api_root, "--header", target.auth_header,
        "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
        "--seed", str(target.seed), "--max-examples", str(target.max_examples), "--workers", "1",
        "--generation-database", "none", "--no-color",
    ]  # fmt: skip
    return subprocess.run(
        command,
        cwd=workdir,  # keeps .schemathesis/ out of the checkout, and no other config is found
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def _reset(server: Served) -> None:
    request = urllib.request.Request(
        f"{server.base_url}/_mock/reset", data=b"{}", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_plain_schemathesis_finds_nothing(
    serve: Callable[[tuple[str, ...]], Served], target: CliTarget, tmp_path: Path
):
    server = serve(target.serve_args)
    _reset(server)  # each target starts from the fixtures, whatever ran before it
    result = run_schemathesis(server, target, tmp_path)
    output = result.stdout + result.stderr
    report = output[output.find("=====") :] or output  # from FAILURES / WARNINGS on

    assert "Missing test data" not in output, report
    assert result.returncode == 0, report
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in output, report  # each phase ran, and passed
