"""Run-time settings of one emulator instance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mock_server.core.clock import ClockMode

DEFAULT_URL_TEMPLATE = "{public_url}/_mock/work-items/{work_item_id}"


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    fixtures_dir: Path | None = None  # None: the fixtures shipped with the package
    seed: int | None = None
    clock_mode: ClockMode = ClockMode.REAL
    clock_speed: float = 1.0
    public_url: str | None = None  # None: http://<host>:<port>
    work_item_url_template: str = DEFAULT_URL_TEMPLATE
    max_body_bytes: int = 100 * 1024
    max_file_bytes: int = 100 * 1024 * 1024
    webhook_allow: tuple[str, ...] = ()  # HOST, HOST:PORT or "*", beyond loopback
    webhook_retries: int = 3
    webhook_backoff_seconds: float = 1.0
    webhook_timeout_seconds: float = 10.0
    read_timeout_seconds: float = 10.0  # a client's longest pause while sending a request
    state_file: Path | None = None  # loaded at start, saved atomically on shutdown
    admin_enabled: bool = True  # the /_mock control plane
    admin_token: str | None = None  # when set, /_mock calls must present it
    console: str = "off"  # off, plain, color or json: what `serve` prints per request
    apis: tuple[str, ...] = ()  # the APIs to serve; empty: every API plug-in
    profiles: tuple[tuple[str, str], ...] = ()  # (api, profile) where not the API's default

    @property
    def inbox_prefix(self) -> str:
        return f"{self.base_url}/_mock/inbox/"

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"
