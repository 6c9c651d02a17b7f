"""The desk's rules: calendar, clocks, policy and intake checks. Pure Python: no I/O, no wall clock."""
