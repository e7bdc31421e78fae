"""Qt-free core: storage, fetching, parsing, extraction, export (see STYLE.md)."""
