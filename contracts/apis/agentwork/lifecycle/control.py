"""The emulator's control plane for Agentwork: the suite's own agent scripts, and fixtures."""

from __future__ import annotations

from typing import Any

from contracts.control import ControlPlane

API = "agentwork"
NO_SPEC_PROFILE = "api-reference"
STEP_SECONDS = 1  # every step of the suite's scripts comes one emulated second after the last

# What the simulated agent does with the suite's tasks, put by the suite itself so it does not
# depend on the fixtures' scenarios: ask, plan, deliver, each revised when rejected.
JOURNEY = "verify_journey"
SELECT = "verify_select"
SCENARIOS: dict[str, dict[str, Any]] = {
    JOURNEY: {
        "description": "workitems-mock verify: a question, a plan, a solution with a file.",
        "steps": [
            {"after": 1, "action": "note", "content": "Analyzing requirements..."},
            {"after": 1, "action": "ask", "content": "Which framework should I use?"},
            {
                "after": 1,
                "action": "propose_spec",
                "content": "Plan for {title}, built with {reply}.",
                "revision": "Plan for {title}, revision {revision}: {rejection_reason}",
            },
            {
                "after": 1,
                "action": "propose_solution",
                "content": "Solution for {title}.",
                "revision": "Solution for {title}, revision {revision}: {rejection_reason}",
                "files": [{"name": "README.md", "content": "# {title}\n"}],
            },
        ],
    },
    SELECT: {
        "description": "workitems-mock verify: a structured single_select question.",
        "steps": [
            {
                "after": 1,
                "action": "ask",
                "question_type": "TO_CUSTOMER",
                "content": {
                    "type": "single_select",
                    "question": "Which accuracy level do you need?",
                    "options": ["Quick draft", "Standard", "High accuracy"],
                },
            },
            {"after": 1, "action": "finish", "content": "Done at accuracy level {reply}."},
        ],
    },
}


class AgentworkControl(ControlPlane):
    """ControlPlane, plus what only Agentwork's part of it offers."""

    def put_scenarios(self) -> None:
        for name, scenario in SCENARIOS.items():
            url = f"{self.origin}/_mock/apis/{API}/scenarios/{name}"
            response = self.session.put(url, json=scenario, timeout=self.timeout)
            response.raise_for_status()

    def describe(self) -> dict[str, Any]:
        response = self.session.get(f"{self.origin}/_mock/apis/{API}", timeout=self.timeout)
        response.raise_for_status()
        described: dict[str, Any] = response.json()
        return described

    def spec_phase(self) -> bool:
        """Whether tasks can await spec approval: not in the `api-reference` profile, which
        follows the reference's status table (it has no spec phase)."""
        return self.describe().get("profile") != NO_SPEC_PROFILE

    def accounts(self) -> list[dict[str, Any]]:
        """The fixture accounts, with their keys and passwords."""
        return [a for a in self.describe().get("accounts") or [] if isinstance(a, dict)]

    def account_of(self, api_key: str) -> dict[str, Any] | None:
        """The fixture account `api_key` belongs to (with its password), if it is one."""
        found = [a for a in self.accounts() if a.get("api_key") == api_key]
        return found[0] if found else None

    def step(self) -> None:
        """Let the agent make its next move on every task that is processing."""
        self.advance(STEP_SECONDS)

    def next_day(self) -> None:
        """A day later: every daily credit quota has started over."""
        self.advance(86_400)
