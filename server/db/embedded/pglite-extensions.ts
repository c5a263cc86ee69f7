import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

// The extensions the schema uses. Every PGlite that opens a Tiến Độ data folder needs all of
// them, not only the server's: a table with an ltree column cannot even be counted without it.
export const PGLITE_EXTENSIONS = { ltree, pg_trgm, unaccent, btree_gist };
