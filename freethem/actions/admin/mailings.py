"""Staff pages: mailings."""
