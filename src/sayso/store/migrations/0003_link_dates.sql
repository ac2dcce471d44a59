-- The day a relation arose: the later publication date of the two statements' articles. Kept
-- on the row so that the conflicts board sorts and filters by it through an index instead of
-- looking both articles up for every relation (bench/web_load.py: 430 ms a page at 10k
-- conflicts before).

ALTER TABLE links ADD COLUMN arose TEXT;

UPDATE links SET arose = (
    SELECT max(a.published) FROM statements AS s JOIN articles AS a ON a.id = s.article_id
    WHERE s.id IN (links.a, links.b)
);

CREATE INDEX links_board ON links (score DESC, arose DESC);
CREATE INDEX links_arose ON links (arose);
