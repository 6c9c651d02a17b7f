"""Reusable pieces of the desk's screens."""
