"""What moves on its own: the scheduler, the simulated agent and (later) webhook delivery."""
