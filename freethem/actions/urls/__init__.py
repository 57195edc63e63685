"""The actions app's addresses, one module per subject, each mounted in freethem/urls.py under
its own namespace."""
