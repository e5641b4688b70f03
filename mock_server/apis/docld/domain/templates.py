"""Templates: ready-made workflows by category, and a workflow made from one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.model import Template, Workflow
from mock_server.apis.docld.domain.rules import trigger_config
from mock_server.apis.docld.domain.views import step_json
from mock_server.apis.docld.domain.vocabulary import TEMPLATE_CATEGORIES
from mock_server.apis.docld.domain.workflows import WorkflowService
from mock_server.core.errors import NotFound
from mock_server.core.principal import Principal


class TemplateCatalogue:
    """The templates every organization sees (from the fixtures)."""

    def __init__(self, templates: Iterable[Template], workflows: WorkflowService) -> None:
        self.templates = {t.id: t for t in templates}
        self.workflows = workflows

    def list(self, category: str | None = None) -> list[Template]:
        if category is not None and category not in TEMPLATE_CATEGORIES:
            refuse("category", f"must be one of {', '.join(TEMPLATE_CATEGORIES)}")
        return [t for t in self.templates.values() if category in (None, t.category)]

    def get(self, template_id: str) -> Template:
        template = self.templates.get(template_id)
        if template is None:
            raise NotFound(
                f"Template {template_id} not found.",
                field="template_id",
                issue="list the templates with GET /api/workflows/templates",
            )
        return template

    def instantiate(self, who: Principal, body: Mapping[str, Any]) -> Workflow:
        """A new workflow with the template's steps and trigger, named as asked."""
        template_id = body.get("template_id")
        if not isinstance(template_id, str):
            refuse("template_id", "is required")
        template = self.get(template_id)
        request = {
            "name": body.get("name") or template.name,
            "description": body.get("description", template.description),
            "definition": {"steps": [step_json(s) for s in template.steps]},
            "trigger_type": template.trigger.type,
            "trigger_config": trigger_config(template.trigger),
            "enabled": True,
        }
        return self.workflows.create(who, request)
