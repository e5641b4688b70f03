"""The Threada WorkItems API (seed 002): governed work items, decisions, executions."""
