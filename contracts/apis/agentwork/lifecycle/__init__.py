"""Agentwork's lifecycle suite: what a Tasks API deployment must do, checked over HTTP."""

from contracts.apis.agentwork.lifecycle.suite import run_lifecycle

__all__ = ["run_lifecycle"]
