"""Staff pages: volunteers."""
