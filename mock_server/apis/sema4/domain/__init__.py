"""The Sema4.ai work-item domain: model, profiles and service, free of any web framework."""
