"""Staff pages: support."""
