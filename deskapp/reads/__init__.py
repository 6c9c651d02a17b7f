"""What the screens and the CLI show: queue, case detail, history, callers, statistics, callback
list, shift summary. Reads never write."""
