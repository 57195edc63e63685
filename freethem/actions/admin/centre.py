"""Staff pages: centre."""
