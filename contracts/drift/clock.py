"""Letting time pass on the target: the emulator's clock when it has one, else the wall's."""

from __future__ import annotations

import time
from collections.abc import Callable

from contracts.control import ControlPlane


class Time:
    """`let_pass` moves the emulator's clock (everything due runs at once) or waits."""

    def __init__(self, control: ControlPlane | None, timeout: float) -> None:
        self.control = control
        self.timeout = timeout  # the longest wait for something to happen, in target seconds

    def let_pass(self, seconds: float) -> None:
        if self.control is not None:
            self.control.advance(seconds)
        else:
            time.sleep(seconds)

    def until(self, done: Callable[[], bool], step: float = 1.0) -> bool:
        """Let time pass in steps until `done()` holds (True) or the timeout is spent."""
        spent = 0.0
        while not done():
            if spent >= self.timeout:
                return False
            self.let_pass(step)
            spent += step
        return True
