"""Article pages into articles: site rules, the body, metadata, related links ("Baca Juga"),
sanitizing, nesting limits and dates. Pure functions of the page; never touches storage."""
