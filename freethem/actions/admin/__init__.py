"""The actions app's staff pages, one module per subject."""

from freethem.actions.admin import (  # noqa: F401  (each registers its models)
    centre,
    mailings,
    representatives,
    support,
    updates,
    urgent,
    volunteers,
)
