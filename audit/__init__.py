"""`make audit`: hardening checks against a running freethem site (see audit/README.md)."""
