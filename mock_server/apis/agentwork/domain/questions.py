"""Structured questions (`single_select`, `multi_select`) and the answers they accept."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from mock_server.apis.agentwork.domain.model import QuestionContent
from mock_server.core.errors import BadRequest

SELECT_TYPES = ("single_select", "multi_select")


class QuestionError(ValueError):
    """A structured question is malformed; the message says where."""


def questions_of(content: QuestionContent) -> list[Mapping[str, Any]]:
    """The questions `question_index` counts: several under `questions`, else the one."""
    if isinstance(content, str):
        return [{"type": "text", "question": content}]
    if content.get("type") == "questions":
        return list(content.get("questions", ()))
    return [content]


def check_question(content: QuestionContent) -> None:
    """QuestionError unless `content` is text or a well-formed structured question."""
    if isinstance(content, str):
        return
    for position, question in enumerate(questions_of(content)):
        where = f"questions[{position}]" if content.get("type") == "questions" else "question"
        if question.get("type") not in SELECT_TYPES:
            raise QuestionError(f"{where}: type must be one of {', '.join(SELECT_TYPES)}")
        options = question.get("options")
        if not isinstance(options, list) or not options:
            raise QuestionError(f"{where}: options must be a non-empty list")
        if not all(isinstance(option, str) for option in options):
            raise QuestionError(f"{where}: every option must be text")


def as_text(content: QuestionContent) -> str:
    """How a question reads in the activity log: text as it is, structure as JSON."""
    if isinstance(content, str):
        return content
    return json.dumps(content, ensure_ascii=False)


def answers_text(content: QuestionContent, answers: Sequence[Mapping[str, Any]]) -> str:
    """The reply structured `answers` make; BadRequest naming the answer that does not fit."""
    questions = questions_of(content)
    chosen: list[str] = []
    for position, answer in enumerate(answers):
        where = f"answers[{position}]"
        index, selected = answer["question_index"], answer["selected"]
        if index >= len(questions):
            raise BadRequest(
                f"{where}.question_index {index} is out of range; "
                f"the question has {len(questions)} part(s)",
                field=f"body.{where}.question_index",
                issue=f"must be below {len(questions)}",
            )
        values = [selected] if isinstance(selected, str) else list(selected)
        _check_selection(questions[index], values, where)
        chosen.append(", ".join(values))
    return "; ".join(chosen)


def _check_selection(question: Mapping[str, Any], values: list[str], where: str) -> None:
    kind = question.get("type")
    if kind not in SELECT_TYPES:
        return  # a plain-text question takes any answer
    if kind == "single_select" and len(values) != 1:
        raise BadRequest(
            f"{where}.selected: a single_select question takes exactly one option",
            field=f"body.{where}.selected",
            issue=f"{len(values)} options given",
        )
    options = question["options"]
    unknown = [value for value in values if value not in options]
    if unknown:
        raise BadRequest(
            f"{where}.selected: {', '.join(map(repr, unknown))} is not an option; "
            f"options: {', '.join(options)}",
            field=f"body.{where}.selected",
            issue="must be one of the question's options",
        )
