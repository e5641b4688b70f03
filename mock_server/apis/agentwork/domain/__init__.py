"""The Agentwork domain: accounts, keys, credits and tasks, free of any web framework."""
