"""The Flask application factory: the shared core, every hosted API, the control plane."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from flask import Flask, Request
from flask.sessions import NullSession, SecureCookieSession, SecureCookieSessionInterface

from mock_server.admin import control_plane
from mock_server.admin.guard import install as install_guard
from mock_server.admin.routes import health_bp
from mock_server.core.clock import Clock
from mock_server.emulator import Emulator
from mock_server.hosting.context import EXTENSION
from mock_server.hosting.mounting import mount_apis
from mock_server.hosting.ownership import Ownership
from mock_server.hosting.plugin import ApiPlugin
from mock_server.http.answer_headers import install as install_answer_headers
from mock_server.http.console import Console, ConsoleStyle
from mock_server.http.errors import register_error_handlers
from mock_server.http.faults import install as install_faults
from mock_server.http.holds import BlockingHolds
from mock_server.http.journal import install as install_journal
from mock_server.http.refusals import install as install_refusals
from mock_server.settings import Settings


class NoSessions(SecureCookieSessionInterface):
    """The emulator keeps no sessions and sets no secret key, so every request would get a
    fresh, unusable NullSession; one shared instance (it refuses every write) saves building
    it per request, ~1.6 µs of a ~65 µs GET in-process."""

    null_session = NullSession()

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key:  # someone embedding the app set one: sessions as Flask has them
            return super().open_session(app, request)
        return self.null_session


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    plugins: Sequence[ApiPlugin] | None = None,
) -> Flask:
    """A new emulator with its own state; two apps never share anything."""
    settings = settings or Settings()
    emulator = Emulator(settings, clock=clock, plugins=plugins)
    app = Flask("mock_server")
    app.extensions[EXTENSION] = emulator
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.session_interface = NoSessions()
    app.config["MAX_CONTENT_LENGTH"] = settings.max_file_bytes + 64 * 1024
    # DEVIATION: no implicit OPTIONS answers (200, empty): an OPTIONS the contract does not
    # list is 405 in the envelope, like any other method. Inboxes list OPTIONS and capture it.
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False
    owners = Ownership(emulator.apis, mount_apis(app, emulator.apis.values()))
    register_error_handlers(app, owners.style, emulator.new_error_id)
    app.register_blueprint(health_bp)
    if owners.adds_answer_headers():
        install_answer_headers(app, owners.answer_headers)
    install_journal(app, emulator.journal, emulator.clock, owners.resource_of)
    install_refusals(app)
    install_faults(
        app, emulator.faults, owners.api_name, owners.situation, owners.style, emulator.new_error_id
    )
    if settings.admin_enabled:
        register_control_plane(app, emulator, settings.admin_token)
    if settings.console != ConsoleStyle.OFF:
        attach_console(emulator, Console(sys.stdout, ConsoleStyle(settings.console)))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app.wsgi_app = BlockingHolds(app.wsgi_app)  # type: ignore[method-assign]
    return app


def attach_console(emulator: Emulator, console: Console) -> None:
    emulator.journal.tap = console.request
    emulator.dispatcher.on_attempt(console.attempt)
    emulator.dispatcher.on_finished(console.finished)
    emulator.on_stop(console.close)


def register_control_plane(app: Flask, emulator: Emulator, token: str | None) -> None:
    if token:
        install_guard(app, token)
    for part in control_plane():
        app.register_blueprint(part)
    for api in emulator.apis.values():
        for part in api.control_blueprints():
            app.register_blueprint(part)
