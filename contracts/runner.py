"""`verify`: smoke-test the target, run the chosen suites, tidy up after a real deployment."""

from __future__ import annotations

import os
import random
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import requests

from contracts.apis import DEFAULT_API, harness
from contracts.apis.base import ApiHarness
from contracts.context import DEFAULT_MAX_EXAMPLES, Options, RunContext
from contracts.control import ControlPlane, has_control_plane
from contracts.http import LimitedSession, RateLimiter
from contracts.results import Outcome, RunResult, SuiteResult, Violation
from contracts.suites import Suite
from contracts.target import Target

Progress = Callable[[str], None]


def prepare(
    target: Target, options: Options, api: ApiHarness | None = None, profile: str | None = None
) -> RunContext | str:
    """The run's context, or why the suites cannot run (unreachable, wrong key, no API)."""
    api = api or harness(DEFAULT_API)
    session = LimitedSession(RateLimiter(target.rate_limit))
    problem = api.smoke(target, session)
    if problem is not None:
        return problem
    control = target.use_control_plane and has_control_plane(target, session)
    # Without --agent-id the emulator's default agent is used; a deployment has no default.
    agent = target.agent_id or (api.agent_of(api.profile(profile)) if control else None)
    return RunContext(
        target, options, control_plane=control, agent_id=agent, harness=api, profile_name=profile
    )


def verify(
    target: Target,
    *,
    api: str = DEFAULT_API,
    profile: str | None = None,
    suites: Sequence[str] | None = None,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    seed: int | None = None,
    progress: Progress = lambda line: None,
) -> RunResult:
    """Run `suites` (None: the API's defaults) of API `api` in `profile` against `target`;
    UnknownApi or SuiteError before anything is sent for a bad name."""
    chosen_api = harness(api)
    chosen_profile = chosen_api.profile(profile)
    chosen = chosen_api.choose(chosen_profile, None if suites is None else list(suites))
    started = time.monotonic()
    options = Options(max_examples=max_examples, seed=random_seed() if seed is None else seed)
    run = RunResult(
        target.root,
        target.run_id,
        options.seed,
        control_plane=False,
        api=f"{chosen_api.title} ({chosen_api.name})",
        profile=chosen_profile.name,
    )
    progress(
        f"verifying {chosen_api.name} ({chosen_profile.name} profile) at {target.root} "
        f"(run {target.run_id}, seed {options.seed})"
    )
    ctx = prepare(target, options, chosen_api, chosen_profile.name)
    if isinstance(ctx, str):
        run.fatal = ctx
    else:
        run.control_plane = ctx.control_plane
        with hypothesis_files_elsewhere(), emulator_state_kept(ctx, run, progress):
            for suite in chosen:
                progress(f"{suite.name}: {suite.summary}...")
                result = run_suite(suite, ctx)
                seconds = result.seconds
                progress(f"{suite.name}: {len(result.violations)} violations in {seconds:.1f} s")
                run.suites.append(result)
        if not ctx.control_plane:
            progress("cancelling what the run created...")
            run.cleanup = chosen_api.cleanup(ctx)
    run.seconds = time.monotonic() - started
    return run


def run_suite(suite: Suite, ctx: RunContext) -> SuiteResult:
    """The suite's result; a crash inside it is reported as a violation, never as a pass."""
    started = time.monotonic()
    try:
        return suite.runner()(ctx)
    except Exception as error:  # the other suites still run, and the report says what broke
        detail = "".join(traceback.format_exception(error)[-4:])
        crashed = Violation(suite.name, "-", "suite runs", "the suite runs to its end", detail)
        result = SuiteResult(suite.name, [Outcome("suite", [crashed])])
        result.seconds = time.monotonic() - started
        return result


@contextmanager
def emulator_state_kept(ctx: RunContext, run: RunResult, progress: Progress) -> Iterator[None]:
    """On an emulator, save what it holds (items, inboxes, faults, scenarios, the clock) and
    put it back after the suites, which reset it as they go; `--reset` leaves their state."""
    if not ctx.control_plane:
        yield
        return
    if not ctx.target.keep_state:
        run.state = "left as the suites left it (--reset)"
        yield
        return
    control = ControlPlane(ctx.target, ctx.session())
    saved = control.export_state()
    control.reset()  # the suites start from the fixtures, whatever faults or items were there
    try:
        yield
    finally:
        progress("restoring the emulator's state...")
        try:
            control.import_state(saved)
            run.state = "saved before the run and restored after it (--reset to keep verify's)"
        except requests.RequestException as error:
            run.state = f"could not be restored: {error}"


@contextmanager
def hypothesis_files_elsewhere() -> Iterator[None]:
    """Keep Hypothesis's caches out of the caller's directory (its repository, often).

    The example database is already off; this moves the rest (`.hypothesis/constants`) to a
    directory that lives as long as the run, unless HYPOTHESIS_STORAGE_DIRECTORY says where.
    """
    from hypothesis.configuration import set_hypothesis_home_dir

    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="workitems-mock-verify-") as directory:
        set_hypothesis_home_dir(directory)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def random_seed() -> int:
    return random.SystemRandom().randrange(2**31)
