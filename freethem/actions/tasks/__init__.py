"""Background tasks of the actions app (django-tasks, run by the worker), one module per
subject. Task arguments carry ids and keys, never an address."""
