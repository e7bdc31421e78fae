"""The application's id, in one place: the window, the autostart entry and packaging use it."""

# The desktop entry, AppStream metainfo and icon are named after it (packaging/README.md).
APP_ID = "io.github.newsreader.Newsreader"
