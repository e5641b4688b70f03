"""What moves on its own in DocLD: step runs, document processing, triggers and webhooks."""
