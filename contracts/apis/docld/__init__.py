"""DocLD Workflows API: what `verify --api docld` checks."""
