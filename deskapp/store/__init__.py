"""The database: engine, sessions, transactions, the desk's clock and the schema migrations."""
