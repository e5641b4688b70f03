"""`work_item_url`: where a work item can be viewed, from a configurable template."""

from __future__ import annotations

import string

from mock_server.apis.sema4.domain.model import WorkItem

URL_FIELDS = frozenset({"public_url", "tenant_id", "agent_id", "work_item_id", "thread_id"})


def check_url_template(template: str) -> None:
    """Fail at start-up, not on the first GET, when the work_item_url template is wrong."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    unknown = names - URL_FIELDS
    if unknown:
        raise ValueError(
            f"work_item_url template uses unknown placeholders {sorted(unknown)}; "
            f"known ones are {sorted(URL_FIELDS)}"
        )


def work_item_url(item: WorkItem, template: str, public_url: str) -> str:
    return template.format(
        public_url=public_url.rstrip("/"),
        tenant_id=item.tenant_id,
        agent_id=item.agent_id or "",
        work_item_id=item.work_item_id,
        thread_id=item.thread_id or "",
    )
