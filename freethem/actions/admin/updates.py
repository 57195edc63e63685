"""Staff pages: updates."""
