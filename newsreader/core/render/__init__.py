"""The article pane's HTML: the page built from a stored entry, the reading themes, story diffs."""
