"""What moves on its own in the Agentwork API: the simulated agent and its scenarios."""
