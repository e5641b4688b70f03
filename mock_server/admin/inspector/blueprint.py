"""The inspector's blueprint: pages, forms, live updates and its own static files."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint(
    "inspector",
    __name__,
    url_prefix="/_mock/inspector",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
