"""What verify needs to know about one API: where its root is, its contract and fuzzing
settings per profile, the key's header, how to tell the API is there, and its suites."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from contracts.suites import RunSuite, Suite, SuiteError

if TYPE_CHECKING:
    from schemathesis import BaseSchema

    from contracts.context import RunContext
    from contracts.http import LimitedSession
    from contracts.target import Target

CHECKOUT_DIR = Path(__file__).resolve().parents[2]
# An installed wheel bundles the repository's top-level files here (data files, no import:
# contracts runs without the emulator's code); mock_server/apis/<name>/ ships as it is.
BUNDLED_DIR = CHECKOUT_DIR / "mock_server" / "_bundled"

Smoke = Callable[["Target", "LimitedSession"], "str | None"]  # why the suites cannot run
Cleanup = Callable[["RunContext"], list[str]]  # after a real deployment: report lines
Locate = Callable[[str, str, float], str]  # base URL, key, timeout -> the base URL to use
SchemaHooks = Callable[["BaseSchema", "RunContext"], None]  # API-specific Schemathesis hooks


def top_level(name: str) -> tuple[Path, ...]:
    """A file at the top of the repository, in a checkout or bundled in a wheel."""
    return (CHECKOUT_DIR / name, BUNDLED_DIR / name)


def api_file(api: str, name: str) -> tuple[Path, ...]:
    """A data file of an API's emulator package (`mock_server/apis/<api>/<name>`), read by
    path, never imported."""
    return (CHECKOUT_DIR / "mock_server" / "apis" / api / name,)


def _first(candidates: tuple[Path, ...]) -> Path | None:
    return next((path for path in candidates if path.exists()), None)


@dataclass(frozen=True)
class Profile:
    """One profile of an API: the contract the suites check and what goes with it."""

    name: str
    spec: tuple[Path, ...]  # candidates for the OpenAPI document; the first that exists
    config: tuple[Path, ...] = ()  # candidates for schemathesis.toml; none: derived defaults
    checks: tuple[str, ...] = ()  # the project's own checks (contracts.checks) that hold here
    suites: Mapping[str, Suite] | None = None  # None: the harness's suites
    default_suites: tuple[str, ...] | None = None
    emulator_agent: str | None = None  # None: the harness's

    def spec_path(self) -> Path:
        found = _first(self.spec)
        if found is None:
            raise FileNotFoundError(f"none of {[str(c) for c in self.spec]} exists")
        return found

    def config_path(self) -> Path | None:
        """The profile's Schemathesis settings file, or None while it has none."""
        return _first(self.config)


# An API's own suites, found in its harness package by module name, in this order.
PACKAGE_SUITES = ("lifecycle", "webhooks")


def package_suites(package: str, *generic: Suite) -> dict[str, Suite]:
    """`generic` (conformance, stateful), then each of PACKAGE_SUITES the package has: a
    module or subpackage `<package>.lifecycle` exporting `run_lifecycle(ctx) -> SuiteResult`
    (likewise `webhooks`), imported only when the suite runs: adding the module is all it
    takes to register the suite, in the order of PACKAGE_SUITES and in the defaults."""
    found = {suite.name: suite for suite in generic}
    for name in PACKAGE_SUITES:
        if importlib.util.find_spec(f"{package}.{name}") is not None:
            summary = f"{package.rsplit('.', 1)[-1]}'s own {name} scenarios"
            found[name] = Suite(name, summary, _loader(f"{package}.{name}", f"run_{name}"))
    return found


def _loader(module: str, function: str) -> Callable[[], RunSuite]:
    def load() -> RunSuite:
        run: RunSuite = getattr(importlib.import_module(module), function)
        return run

    return load


def no_cleanup(ctx: RunContext) -> list[str]:
    return ["nothing to tidy up: this API's suites leave nothing open that a client can close"]


def as_is(base_url: str, api_key: str, timeout: float) -> str:
    return base_url


@dataclass(frozen=True)
class ApiHarness:
    """Everything API-specific a verify run needs; one per package under contracts/apis."""

    name: str
    title: str
    resolve_root: Callable[[str], str]  # base URL -> API root (Target.resolve_root)
    profiles: Mapping[str, Profile]  # the first is the default
    smoke: Smoke
    suites: Mapping[str, Suite]
    default_suites: tuple[str, ...]
    auth_scheme: str = "Bearer"  # sent as `Authorization: <scheme> <key>`
    cleanup: Cleanup = no_cleanup
    locate: Locate = as_is  # asks the server where the root is, when the URL cannot say
    schema_hooks: SchemaHooks | None = None
    emulator_agent: str | None = None  # the agent to use on the emulator without --agent-id
    notes: tuple[str, ...] = field(default=())

    @property
    def default_profile(self) -> str:
        return next(iter(self.profiles))

    def profile(self, name: str | None = None) -> Profile:
        """The named profile (the default for None); SuiteError names the known ones."""
        chosen = self.profiles.get(name or self.default_profile)
        if chosen is None:
            known = ", ".join(self.profiles)
            raise SuiteError(f"{self.name} has no profile {name!r}; known: {known}")
        return chosen

    def auth_header(self, key: str) -> dict[str, str]:
        return {"Authorization": f"{self.auth_scheme} {key}"}

    def suites_of(self, profile: Profile) -> Mapping[str, Suite]:
        return self.suites if profile.suites is None else profile.suites

    def agent_of(self, profile: Profile) -> str | None:
        """The agent to use on the emulator when the user names none."""
        return profile.emulator_agent or self.emulator_agent

    def defaults_of(self, profile: Profile) -> tuple[str, ...]:
        return profile.default_suites or self.default_suites

    def choose(self, profile: Profile, names: list[str] | tuple[str, ...] | None) -> list[Suite]:
        """The suites named (the profile's defaults for None), in order, each once;
        SuiteError for one this API lacks or that cannot run."""
        known = self.suites_of(profile)
        chosen: list[Suite] = []
        for name in names if names is not None else self.defaults_of(profile):
            suite = known.get(name.strip())
            if suite is None:
                raise SuiteError(
                    f"unknown suite {name.strip()!r} for {self.name} ({profile.name} profile); "
                    f"known: {', '.join(known)}"
                )
            if suite.load is None:
                raise SuiteError(f"suite {suite.name!r} is {suite.unavailable}")
            if suite not in chosen:
                chosen.append(suite)
        return chosen
