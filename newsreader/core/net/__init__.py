"""Fetching over HTTP: one request routine behind two transports (http.client, httpx), deadlines,
content decoding, size caps, and failures worded for a reader. Knows nothing of storage."""
