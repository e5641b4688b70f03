"""The webhooks suite: a capture receiver, callbacks pointing at it, and checks of what arrives."""
