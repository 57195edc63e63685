"""Staff pages: urgent."""
