"""What moves on its own in the Sema4 API: the simulated agent, callbacks, status history."""
