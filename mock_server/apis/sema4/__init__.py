"""The Sema4.ai Work Item API (seed 000): the primary plug-in."""
