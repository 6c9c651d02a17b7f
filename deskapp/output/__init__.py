"""Reports, exports and lists to print: md, csv, html, json and xlsx files and Rich tables."""
