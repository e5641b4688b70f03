"""Lifecycle rules as data: which action may move a resource from which status to which."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mock_server.core.errors import IllegalMove


@dataclass(frozen=True)
class Rule:
    """`action` is allowed from any of `sources` and leads to `target`.

    `verb` is how the action reads in an error message ("continue", "attach a file to").
    """

    action: str
    sources: frozenset[str]
    target: str
    verb: str


class TransitionTable:
    """The one place that decides whether an action is legal in a status."""

    def __init__(self, noun: str, rules: Iterable[Rule]) -> None:
        self.noun = noun
        self._rules = {rule.action: rule for rule in rules}

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(self._rules)

    def rule(self, action: str) -> Rule:
        return self._rules[action]

    def allows(self, action: str, status: str) -> bool:
        return status in self._rules[action].sources

    def target(self, action: str, status: str) -> str:
        """The status `action` leads to from `status`, or IllegalMove naming both (each API
        maps it to its own status code)."""
        rule = self._rules[action]
        if status not in rule.sources:
            raise IllegalMove(
                f"Cannot {rule.verb} {self.noun} from status {status}.",
                field="status",
                issue=f"{rule.action} is allowed from {', '.join(sorted(rule.sources))}",
            )
        return rule.target

    def legal_moves(self) -> set[tuple[str, str]]:
        """Every (from, to) pair some action allows: the edges a valid history may use."""
        return {(source, rule.target) for rule in self._rules.values() for source in rule.sources}
