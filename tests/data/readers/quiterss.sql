-- QuiteRSS database version 16/17, as src/database/database.cpp creates it (feeds.db).
CREATE TABLE feeds(id integer primary key, text varchar, title varchar, description varchar,
  xmlUrl varchar, htmlUrl varchar, language varchar, copyrights varchar, author_name varchar,
  author_email varchar, author_uri varchar, webMaster varchar, pubdate varchar,
  lastBuildDate varchar, category varchar, contributor varchar, generator varchar, docs varchar,
  cloud_domain varchar, cloud_port varchar, cloud_path varchar, cloud_procedure varchar,
  cloud_protocal varchar, ttl integer, skipHours varchar, skipDays varchar, image blob,
  unread integer, newCount integer, currentNews integer, label varchar, undeleteCount integer,
  tags varchar, hasChildren integer default 0, parentId integer default 0, rowToParent integer,
  updateIntervalEnable int, updateInterval int, updateIntervalType varchar, updateOnStartup int,
  displayOnStartup int, markReadAfterSecondsEnable int, markReadAfterSeconds int,
  markReadInNewspaper int, markDisplayedOnSwitchingFeed int, markDisplayedOnClosingTab int,
  markDisplayedOnMinimize int, layout text, filter text, groupBy int, displayNews int,
  displayEmbeddedImages integer default 1, loadTypes text, openLinkOnEmptyContent int,
  columns text, sort text, sortType int, maximumToKeep int, maximumToKeepEnable int,
  maximumAgeOfNews int, maximumAgoOfNewEnable int, deleteReadNews int, neverDeleteUnreadNews int,
  neverDeleteStarredNews int, neverDeleteLabeledNews int, status text, created text,
  updated text, lastDisplayed text, f_Expanded integer default 1, flags text,
  authentication integer default 0, duplicateNewsMode integer default 0,
  typeFeed integer default 0, showNotification integer default 0,
  disableUpdate integer default 0, javaScriptEnable integer default 1,
  layoutDirection integer default 0);
CREATE TABLE news(id integer primary key, feedId integer, guid varchar,
  guidislink varchar default 'true', description varchar, content varchar, title varchar,
  published varchar, modified varchar, received varchar, author_name varchar,
  author_uri varchar, author_email varchar, category varchar, label varchar,
  new integer default 1, read integer default 0, starred integer default 0,
  deleted integer default 0, attachment varchar, comments varchar, enclosure_length,
  enclosure_type, enclosure_url, source varchar, link_href varchar, link_enclosure varchar,
  link_related varchar, link_alternate varchar, contributor varchar, rights varchar,
  deleteDate varchar, feedParentId integer default 0);
CREATE INDEX feedId ON news(feedId);
CREATE TABLE feeds_ex(id integer primary key, feedId integer, name varchar, value varchar);
CREATE TABLE news_ex(id integer primary key, feedId integer, newsId integer, name varchar,
  value varchar);
CREATE TABLE filters(id integer primary key, name varchar, type integer, feeds varchar,
  enable integer default 1, num integer);
CREATE TABLE labels(id integer primary key, name varchar, image blob, color_text varchar,
  color_bg varchar, num integer, currentNews integer);
CREATE TABLE passwords(id integer primary key, server varchar, username varchar,
  password varchar);
CREATE TABLE info(id integer primary key, name varchar, value varchar);
INSERT INTO info(name, value) VALUES ('version', '17'), ('appVersion', '0.19.4');
