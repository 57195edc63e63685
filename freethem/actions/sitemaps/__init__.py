"""The actions app's public pages in /sitemap.xml, one module per subject (declared in
apps.py)."""
