"""Staff pages: representatives."""
