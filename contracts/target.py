"""What the suites check: a deployment's API root, the keys to use and the agent to assign."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

API_VERSION_SUFFIX = re.compile(r"/api(?:/public)?/v\d+$")  # /api/v1, /api/public/v1
# The agent of seed 000's finalize example, which the emulator ships as its default agent.
EMULATOR_AGENT = "invoice_processing_agent"
MARKER = "_workitems_mock_verify"


class TargetError(ValueError):
    """The base URL cannot be the root of a Work Item API."""


def checked_url(base_url: str) -> SplitResult:
    """`base_url` split, or TargetError when it cannot be an API's root."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TargetError(f"--base-url must be an http(s) URL, not {base_url!r}")
    if parts.query or parts.fragment:
        raise TargetError(f"--base-url must not carry a query or fragment: {base_url!r}")
    return parts


def api_root(base_url: str) -> str:
    """The URL `/work-items` hangs off, from an endpoint URL or an API root.

    `.../api/vN` and `.../api/public/vN` are roots as they are; a URL ending in
    `/work-items` names its root exactly (so a deployment mounted anywhere can be given that
    way). Anything else, such as Control Room's endpoint URL (`https://host/tenants/<id>`) or a
    bare emulator URL (`http://127.0.0.1:8080`), gets `/api/v1` appended;
    `contracts.roots.resolve_base_url` asks the server first when the path cannot tell.
    """
    parts = checked_url(base_url)
    path = parts.path.rstrip("/")
    if path.endswith("/work-items"):
        path = path.removesuffix("/work-items")
    elif not API_VERSION_SUFFIX.search(path):
        path += "/api/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


def suffixed_root(base_url: str, suffix: str) -> str:
    """The root of an API whose documented paths hang off `suffix` (its contract's server
    path, such as Agentwork's `/api/v1` or DocLD's `/api`): the URL as given when it already
    ends so, else the URL with `suffix` appended."""
    parts = checked_url(base_url)
    path = parts.path.rstrip("/")
    suffix = suffix.rstrip("/")
    if suffix and not path.endswith(suffix):
        path += suffix
    return f"{parts.scheme}://{parts.netloc}{path}"


def names_its_root(base_url: str) -> bool:
    """Whether the path alone says where the API is (a version suffix, or `/work-items`)."""
    path = urlsplit(base_url.strip()).path.rstrip("/")
    return path.endswith("/work-items") or bool(API_VERSION_SUFFIX.search(path))


def new_run_id() -> str:
    return secrets.token_hex(6)


@dataclass(frozen=True)
class Target:
    """A deployment to verify, and how hard the suites may push it."""

    base_url: str
    api_key: str
    agent_id: str | None = None
    readonly_key: str | None = None
    rate_limit: int | None = None  # requests per second; None: as fast as it answers
    request_timeout: float = 30.0
    poll_timeout: float = 120.0  # how long to wait for a real agent to move an item
    use_control_plane: bool = True  # False: treat an emulator as a real deployment
    keep_state: bool = True  # on an emulator: restore what it held before the run (not --reset)
    webhook_host: str = "127.0.0.1"  # where the webhooks suite's receiver listens
    webhook_port: int = 0  # 0: a free port
    webhook_public_url: str | None = None  # how the target reaches the receiver (a tunnel)
    run_id: str = field(default_factory=new_run_id)
    # How base_url becomes the API root; each API's harness gives its own (Sema4's default).
    resolve_root: Callable[[str], str] = field(default=api_root, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.api_key.strip():
            raise TargetError("--api-key must not be empty")
        if self.rate_limit is not None and self.rate_limit <= 0:
            raise TargetError("--rate-limit must be greater than 0")

    @property
    def root(self) -> str:
        return self.resolve_root(self.base_url)

    @property
    def origin(self) -> str:
        """scheme://host[:port], where the emulator's `/_mock` control plane lives."""
        parts = urlsplit(self.root)
        return f"{parts.scheme}://{parts.netloc}"

    def url(self, path: str) -> str:
        return self.root + path

    @property
    def marker(self) -> dict[str, str]:
        """Put into the payload of everything a run creates, so leftovers can be found."""
        return {MARKER: self.run_id}
