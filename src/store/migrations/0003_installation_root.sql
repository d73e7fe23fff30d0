-- The installation root: one territory above the countries, path '/', so that a grant over
-- it (the first administrator's) covers every country's subtree by prefix ('/RO/...',
-- '/UA/...'). Countries keep parent_id NULL; this row is not a country and territory
-- listings leave it out (its code ROOT has no country prefix).
INSERT INTO territories (id, code, parent_id, level, name, name_latin, path, community_id,
                         version, created_at, updated_at)
VALUES ('root', 'ROOT', NULL, 'country', 'Socius', 'Socius', '/', NULL, 1,
        '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
