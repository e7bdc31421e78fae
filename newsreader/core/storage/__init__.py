"""The offline cache: peewee records, migrations, the one writer thread, reads and writes,
ingest, retention, the image store and cache, pages kept for re-extraction, story versions."""
