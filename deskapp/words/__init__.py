"""How values read in the desk's language: labels, times, cell widths, deadline words. No I/O."""
