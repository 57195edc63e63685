"""The actions app's writes, one module per subject: typed keyword-only `<noun>_<verb>`
functions that views, the admin, the API and the worker call."""
