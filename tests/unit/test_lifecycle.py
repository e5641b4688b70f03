import pytest

from mock_server.core.errors import IllegalMove
from mock_server.workitems.profile import DOCUMENTED


def test_an_illegal_action_names_action_and_status():
    with pytest.raises(IllegalMove, match=r"^Cannot cancel work item from status COMPLETED\.$"):
        DOCUMENTED.table.target("cancel", "COMPLETED")


def test_the_file_rule_reads_naturally():
    with pytest.raises(IllegalMove, match="Cannot attach a file to work item from status PENDING"):
        DOCUMENTED.table.target("attach_file", "PENDING")


def test_the_agent_actions_reach_every_outcome():
    assert {
        DOCUMENTED.agent_action_to(s) for s in ("EXECUTING", "PAUSED", "COMPLETED", "FAILED")
    } == {
        "agent_start",
        "agent_pause",
        "agent_complete",
        "agent_fail",
    }
    assert DOCUMENTED.agent_action_to("CANCELLED") is None


def test_legal_moves_include_the_agent_path():
    moves = DOCUMENTED.table.legal_moves()

    assert {("PENDING", "EXECUTING"), ("EXECUTING", "COMPLETED"), ("PAUSED", "PENDING")} <= moves
    assert ("COMPLETED", "CANCELLED") not in moves
