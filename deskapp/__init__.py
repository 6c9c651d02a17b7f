"""deskapp: the customer-service desk of a managed building, in a terminal."""

__version__ = "0.1.0"
