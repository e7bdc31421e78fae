"""Documents into entries: RSS/Atom (an lxml fast path, feedparser for the rest), index pages of
sites without a feed, feed discovery, OPML. One entry point: ``document.parse_document``."""
