"""`ApiRuntime.inspection`: an API's inspector functions replace the defaults they name, and
the defaults stand for those it leaves out."""

from __future__ import annotations

from typing import Any

from mock_server.hosting.resources import ResourceQuery


def test_an_api_without_inspector_functions_keeps_every_default(emulator: Any, monkeypatch: Any):
    api = emulator.apis["sema4"]
    monkeypatch.setattr(type(api), "inspection", None)

    assert api.actions("any-id") == []
    assert api.notes("any-id") == []
    assert api.delivery_subjects("any-id") == ["any-id"]
    assert api.subject_resource("any-id") == "any-id"
    assert api.browse(ResourceQuery()).views == []


def test_functions_the_module_leaves_out_fall_back_to_the_defaults(emulator: Any):
    sema4 = emulator.apis["sema4"]  # its module has no delivery_subjects or subject_resource

    assert sema4.delivery_subjects("some-item") == ["some-item"]
    assert sema4.subject_resource("some-item") == "some-item"


def test_the_module_s_own_functions_answer_for_the_api(emulator: Any):
    threada = emulator.apis["threada"]  # its deliveries belong to executions, not to items

    assert threada.subject_resource("threada/ex_does_not_exist") is None  # no such execution
    assert threada.subject_resource("wi_1") == "wi_1"
