"""Which API root a `--base-url` names when its path alone cannot tell: asked of the server.

A user may have an endpoint URL (`https://host/tenants/<id>`), an API root (`.../api/v2`,
`.../api/public/v1`), the collection (`.../work-items`), or the root of a deployment that
mounts the API directly. The first three say where the API is; for the others the candidates
are tried in turn, and the first that answers a list of work items is the root.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from contracts.target import api_root, names_its_root

# Where an API may hang off a URL that names no version, tried in this order.
MOUNTS = ("", "/api/v1", "/api/public/v1")


def candidates(base_url: str) -> list[str]:
    parts = urlsplit(base_url.strip())
    path = parts.path.rstrip("/")
    return [f"{parts.scheme}://{parts.netloc}{path}{mount}" for mount in MOUNTS]


def lists_work_items(session: requests.Session, root: str, api_key: str, timeout: float) -> bool:
    """True when `root/work-items` answers a page of work items (`{"records": [...]}`)."""
    try:
        response = session.get(
            f"{root}/work-items",
            params={"limit": 1},
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
            allow_redirects=False,
        )
        body = response.json()
    except (requests.RequestException, ValueError):
        return False
    return (
        response.status_code == 200
        and isinstance(body, dict)
        and isinstance(body.get("records"), list)
    )


def resolve_base_url(
    base_url: str,
    api_key: str,
    *,
    session: requests.Session | None = None,
    timeout: float = 10.0,
) -> str:
    """A base URL `api_root` maps to the real API root: `base_url` itself when its path says
    where the API is (or when no candidate answers: the smoke test then says what is wrong),
    else the collection URL of the first candidate that lists work items."""
    api_root(base_url)  # refuses what cannot be a URL before anything is sent
    if names_its_root(base_url):
        return base_url
    asking = session or requests.Session()
    try:
        for root in candidates(base_url):
            if lists_work_items(asking, root, api_key, timeout):
                return f"{root}/work-items"
    finally:
        if session is None:
            asking.close()
    return base_url
