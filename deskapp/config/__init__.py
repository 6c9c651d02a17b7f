"""The supervisor's data files (policy, calendar, staff, scripts) read into the domain's objects."""
