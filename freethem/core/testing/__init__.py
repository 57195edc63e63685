"""Helpers for freethem's own tests: Playwright fixtures and the list of public pages."""
