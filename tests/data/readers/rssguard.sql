-- RSS Guard 4.x, resources/sql/db_init.sql with its SQLite substitutions ($$ INTEGER PRIMARY
-- KEY, ^^ BLOB, ** TEXT); Messages.feed is an INTEGER naming Feeds.id.
CREATE TABLE Information (inf_key VARCHAR(128) NOT NULL UNIQUE CHECK (inf_key != ''),
  inf_value TEXT);
INSERT INTO Information VALUES ('schema_version', '8');
CREATE TABLE Accounts (id INTEGER PRIMARY KEY, ordr INTEGER NOT NULL CHECK (ordr >= 0),
  type TEXT NOT NULL CHECK (type != ''), proxy_type INTEGER NOT NULL DEFAULT 0
  CHECK (proxy_type >= 0), proxy_host TEXT, proxy_port INTEGER, proxy_username TEXT,
  proxy_password TEXT, custom_data TEXT);
CREATE TABLE Categories (id INTEGER PRIMARY KEY, ordr INTEGER NOT NULL CHECK (ordr >= 0),
  parent_id INTEGER NOT NULL CHECK (parent_id >= -1), title VARCHAR(400) NOT NULL
  CHECK (title != ''), description TEXT, date_created BIGINT, icon BLOB,
  account_id INTEGER NOT NULL, custom_id TEXT,
  FOREIGN KEY (account_id) REFERENCES Accounts (id) ON DELETE CASCADE);
CREATE TABLE Feeds (id INTEGER PRIMARY KEY, ordr INTEGER NOT NULL CHECK (ordr >= 0),
  title VARCHAR(400) NOT NULL CHECK (title != ''), description TEXT, date_created BIGINT,
  icon BLOB, category INTEGER NOT NULL CHECK (category >= -1), source TEXT,
  update_type INTEGER NOT NULL CHECK (update_type >= 0),
  update_interval INTEGER NOT NULL DEFAULT 900 CHECK (update_interval >= 1),
  is_off INTEGER(1) NOT NULL DEFAULT 0, is_quiet INTEGER(1) NOT NULL DEFAULT 0,
  is_rtl INTEGER NOT NULL DEFAULT 0, add_any_datetime_articles INTEGER(1) NOT NULL DEFAULT 0,
  datetime_to_avoid BIGINT NOT NULL DEFAULT 0, keep_article_customize INTEGER(1) NOT NULL
  DEFAULT 0, keep_article_count INTEGER NOT NULL DEFAULT 0, keep_unread_articles INTEGER(1)
  NOT NULL DEFAULT 1, keep_starred_articles INTEGER(1) NOT NULL DEFAULT 1,
  recycle_articles INTEGER(1) NOT NULL DEFAULT 0, account_id INTEGER NOT NULL,
  custom_id VARCHAR(250) NOT NULL CHECK (custom_id != ''), custom_data TEXT,
  FOREIGN KEY (account_id) REFERENCES Accounts (id) ON DELETE CASCADE);
CREATE TABLE Messages (id INTEGER PRIMARY KEY,
  is_read INTEGER(1) NOT NULL DEFAULT 0 CHECK (is_read >= 0 AND is_read <= 1),
  is_important INTEGER(1) NOT NULL DEFAULT 0 CHECK (is_important >= 0 AND is_important <= 1),
  is_deleted INTEGER(1) NOT NULL DEFAULT 0 CHECK (is_deleted >= 0 AND is_deleted <= 1),
  is_pdeleted INTEGER(1) NOT NULL DEFAULT 0 CHECK (is_pdeleted >= 0 AND is_pdeleted <= 1),
  feed INTEGER NOT NULL, title VARCHAR(500) NOT NULL CHECK (title != ''),
  url VARCHAR(1200), author VARCHAR(400), date_created BIGINT NOT NULL
  CHECK (date_created >= 0), contents TEXT, enclosures TEXT,
  score REAL NOT NULL DEFAULT 0.0 CHECK (score >= 0.0 AND score <= 100.0),
  account_id INTEGER NOT NULL, custom_id VARCHAR(250), custom_data TEXT,
  FOREIGN KEY (feed) REFERENCES Feeds (id) ON DELETE CASCADE,
  FOREIGN KEY (account_id) REFERENCES Accounts (id) ON DELETE CASCADE);
CREATE TABLE Labels (id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL CHECK (name != ''),
  icon BLOB, custom_id VARCHAR(200), account_id INTEGER NOT NULL, UNIQUE (account_id, name));
CREATE TABLE LabelsInMessages (message INTEGER NOT NULL, label INTEGER NOT NULL,
  UNIQUE (message, label));
CREATE INDEX idx_Messages3 ON Messages (feed, is_deleted, is_pdeleted);
