"""The Sema4.ai Work Item API surface: blueprints over the work-item domain."""
