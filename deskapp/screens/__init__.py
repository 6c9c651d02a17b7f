"""One file per screen. Screens gather input and show state; the desk's services do the work."""
