"""The refresh pipeline (subscribe, fetch, parse, store, full articles, re-checks, related
articles, site icons) and its decisions as pure functions (schedule, backoff, subscriptions)."""
