"""The platform's lab: the shared Lab, driven by the platform's table and statuses."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.apis.sema4.platform_lifecycle.driver import (
    PlatformApi,
    PlatformDriver,
    PlatformEmulatorDriver,
    PlatformPollingDriver,
)
from contracts.apis.sema4.platform_table import agent_closure
from contracts.context import RunContext
from contracts.control import ControlPlane
from contracts.lifecycle.lab import Lab
from contracts.results import SuiteResult


@dataclass
class PlatformLab(Lab):
    def possible(self, status: str) -> frozenset[str]:
        """Where an item seen in `status` may be by now: there, or further along by its agent."""
        return frozenset({status}) if status in self.driver.stable else agent_closure(status)


def make_platform_lab(ctx: RunContext, result: SuiteResult) -> PlatformLab:
    """A lab on the target: the emulator's clock when it may be used, else real waiting."""
    client = ctx.client()
    api = PlatformApi(client, ctx.agent_id, ctx.control_plane)
    control = ControlPlane(ctx.target, client.session) if ctx.control_plane else None
    driver: PlatformDriver = (
        PlatformEmulatorDriver(api, control)
        if control is not None
        else PlatformPollingDriver(api, ctx.target.poll_timeout)
    )
    return PlatformLab(ctx, api, driver, control, result)
