"""The actions app's views, one module per subject (they import no other app's views)."""
