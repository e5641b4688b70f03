"""Execution and document lifecycles as data: which move leads from which status to which."""

from __future__ import annotations

from mock_server.core.lifecycle import Rule, TransitionTable

RUNNING, COMPLETED, FAILED = "running", "completed", "failed"
EXECUTION_STATUSES = (RUNNING, COMPLETED, FAILED)
STEP_STATUSES = ("running", "completed", "failed", "skipped")

# FIDELITY: the execution lifecycle is inferred from the documented events (workflow.started,
# workflow.step.completed, workflow.completed, workflow.failed); no move leaves a terminal
# status, so an execution that ended never changes again.
EXECUTION = TransitionTable(
    "execution",
    [
        Rule("step_completed", frozenset({RUNNING}), RUNNING, "complete a step of"),
        Rule("steps_skipped", frozenset({RUNNING}), RUNNING, "skip the steps of"),
        Rule("complete", frozenset({RUNNING}), COMPLETED, "complete"),
        Rule("fail", frozenset({RUNNING}), FAILED, "fail"),
    ],
)

UPLOADED, PROCESSING = "uploaded", "processing"
DOCUMENT_STATUSES = (UPLOADED, PROCESSING, COMPLETED, FAILED)

# Document statuses are the n8n node's filter values; the moves between them are inferred.
DOCUMENT = TransitionTable(
    "document",
    [
        Rule("start_processing", frozenset({UPLOADED}), PROCESSING, "start processing"),
        Rule("finish_processing", frozenset({PROCESSING}), COMPLETED, "finish processing"),
        Rule("fail_processing", frozenset({PROCESSING}), FAILED, "fail processing"),
    ],
)
