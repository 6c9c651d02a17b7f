"""The telephone link: an HTTP endpoint speaking Zammad's generic CTI, which phone systems post each
call's events to (server.py), and a player of a call's events for demos and training (simulate.py)."""
