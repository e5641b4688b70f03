"""DocLD's documented names: trigger types, platform events, step and integration types."""

from __future__ import annotations

TRIGGER_TYPES = ("manual", "scheduled", "webhook", "event")
STEP_TYPES = ("parse", "extract", "transform", "condition", "integration")
INTEGRATION_TYPES = ("slack", "email", "webhook")
TEMPLATE_CATEGORIES = ("invoice", "contract", "resume", "general")

# Events an `event` trigger may listen to. FIDELITY: the webhook catalogue calls the end of
# processing `document.completed`, triggers and the n8n node `document.processed`; both are
# accepted and mean the same event.
PLATFORM_EVENTS = (
    "document.uploaded",
    "document.processed",
    "document.completed",
    "extraction.completed",
    "chat.message",
)
EVENT_ALIASES = {"document.completed": "document.processed"}

# Everything a webhook subscription may ask for (the webhook catalogue, plus the trigger name
# `document.processed`).
WEBHOOK_EVENTS = (
    "document.uploaded",
    "document.processing",
    "document.processed",
    "document.completed",
    "document.failed",
    "document.deleted",
    "extraction.started",
    "extraction.completed",
    "extraction.failed",
    "chat.message",
    "chat.session.created",
    "workflow.started",
    "workflow.completed",
    "workflow.failed",
    "workflow.step.completed",
    "split.completed",
    "split.failed",
)

TIERS = ("free", "standard", "premium")


def canonical_event(name: str) -> str:
    """The one name an event goes by inside the emulator (`document.completed` -> processed)."""
    return EVENT_ALIASES.get(name, name)


def names_of(event: str) -> tuple[str, ...]:
    """Every name subscribers may know `event` by (the canonical one first)."""
    return (event, *(alias for alias, target in EVENT_ALIASES.items() if target == event))
