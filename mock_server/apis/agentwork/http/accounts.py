"""Handlers of the auth operations: register an account, exchange a password for a key."""

from __future__ import annotations

from mock_server.apis.agentwork.http.context import agentwork
from mock_server.apis.agentwork.http.representation import issued_key_json
from mock_server.http.operations import Call, Reply


def register_account(call: Call) -> Reply:
    body = call.body
    issued = agentwork(call).tasks.register(
        body["email"], body.get("name"), body.get("organization_name")
    )
    return Reply(201, issued_key_json(issued, with_user=True))


def create_api_key(call: Call) -> Reply:
    body = call.body
    issued = agentwork(call).tasks.exchange(body["email"], body["password"], body.get("key_name"))
    return Reply(200, issued_key_json(issued, with_user=False))
