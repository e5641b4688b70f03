"""What moves on its own in Threada: simulated decisioning and the execution runner."""
