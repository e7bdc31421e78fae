"""Full-text search (SQLite FTS5): the query syntax, the batched index, finding and ranking."""
