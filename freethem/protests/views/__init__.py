"""The protest tracker's views, one module per subject: the public pages (list and record),
the figures and the map."""
