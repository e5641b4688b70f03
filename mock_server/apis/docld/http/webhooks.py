"""Handlers of webhook subscriptions (the secret shows only in the create's answer)."""

from __future__ import annotations

from mock_server.apis.docld.domain.views import subscription_json
from mock_server.apis.docld.http.context import docld
from mock_server.apis.docld.http.workflows import DELETED
from mock_server.http.operations import Call, Reply


def list_webhooks(call: Call) -> Reply:
    found = docld().domain.webhooks.list(call.principal.tenant_id)
    return Reply(200, {"webhooks": [subscription_json(s, with_secret=False) for s in found]})


def create_webhook(call: Call) -> Reply:
    subscription = docld().domain.webhooks.create(call.principal, call.body)
    return Reply(201, {"webhook": subscription_json(subscription, with_secret=True)})


def get_webhook(call: Call) -> Reply:
    subscription = docld().domain.webhooks.get(call.principal.tenant_id, call.path["webhook_id"])
    return Reply(200, {"webhook": subscription_json(subscription, with_secret=False)})


def delete_webhook(call: Call) -> Reply:
    docld().domain.webhooks.delete(call.principal.tenant_id, call.path["webhook_id"])
    return Reply(200, DELETED)
