class BackupError(Exception):
    """A backup or restore cannot go on; the message says why, and nothing was changed
    unless it says so."""
