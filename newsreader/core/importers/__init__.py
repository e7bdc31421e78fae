"""Moving in: OPML subscriptions and other readers' databases (QuiteRSS, RSS Guard), read
only, with their read and starred marks."""
