"""Keeping the desk running: opening and setting it up, backups, restores and checks."""
