"""Where the Work Item API is mounted."""

API_PREFIXES = {
    "api_v1": "/api/v1",
    "api_v2": "/api/v2",
    # FIDELITY: the agent server's public app, where the official client points (§1).
    "api_public_v1": "/api/public/v1",
    "tenant_api_v1": "/tenants/<tenant_id>/api/v1",
    "tenant_api_v2": "/tenants/<tenant_id>/api/v2",
}
# every prefix above, as a regex
API_PREFIX_PATTERN = r"(?:(?:/tenants/[^/]+)?/api/v[12]|/api/public/v1)"
