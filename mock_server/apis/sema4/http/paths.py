"""Where the Work Item API is mounted."""

API_PREFIXES = {
    "api_v1": "/api/v1",
    "api_v2": "/api/v2",
    "tenant_api_v1": "/tenants/<tenant_id>/api/v1",
    "tenant_api_v2": "/tenants/<tenant_id>/api/v2",
}
API_PREFIX_PATTERN = r"(?:/tenants/[^/]+)?/api/v[12]"  # every prefix above, as a regex
