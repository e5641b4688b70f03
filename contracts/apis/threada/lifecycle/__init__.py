"""Threada's lifecycle suite: what a deployment must do, checked over HTTP."""

from contracts.apis.threada.lifecycle.suite import run_lifecycle

__all__ = ["run_lifecycle"]
