"""The Agentwork Tasks API (seed 003): tasks an AI agent works on while a person answers it."""
