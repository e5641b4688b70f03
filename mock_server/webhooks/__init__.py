"""Outgoing webhooks: signing, delivery with retries, and the tools to debug them."""
