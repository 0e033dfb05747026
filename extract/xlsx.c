/*
 * The XLSX reader: each visible sheet a page, its cells a table of the
 * model with the merged ranges spanning, every value as the sheet shows
 * it (numfmt.c), hidden rows and columns left out as a printout leaves
 * them out. Sheets are read with libxml2's streaming reader, so a huge
 * sheet costs its cells, not a tree, and hits --max-cells early.
 */
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "office.h"
#include "sheet.h"
#include "ooxml.h"
#include "status.h"
#include "text.h"

/* Formula cells without a cached value named in a warning, at most. */
#define NAMED_FORMULAS 5

struct book {
	struct ooxml *z;
	const struct extract_opts *opts;
	bool date1904;
	GPtrArray *sst;		/* char *: shared strings */
	GPtrArray *xf_fmt;	/* const char *: format code per cellXfs, or NULL */
	GHashTable *fmts;	/* numFmtId → code (custom ones) */
	long cells;		/* <c> elements read, all sheets */
	long lost_strings;	/* cells naming a shared string there is not */
};

static const char *
local(xmlTextReaderPtr r)
{
	return (const char *)xmlTextReaderConstLocalName(r);
}

static bool
is_start(xmlTextReaderPtr r, const char *name)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	    strcmp(local(r), name) == 0;
}

static bool
is_end(xmlTextReaderPtr r, int depth)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	    xmlTextReaderDepth(r) == depth;
}

static bool
truth(const char *v)
{
	return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* The text of the element the reader is on (its start tag). */
static char *
element_text(xmlTextReaderPtr r)
{
	xmlChar *s = xmlTextReaderReadString(r);
	char *t = g_strdup(s ? (const char *)s : "");

	xmlFree(s);
	return t;
}

/*
 * The text of a rich string (<si> or <is>): its runs' <t> joined, the
 * phonetic guides (<rPh>) left out. Returns ooxml_next's last result.
 */
static int
rich_text(xmlTextReaderPtr r, const char *part, GString *out, GError **error)
{
	int depth = xmlTextReaderDepth(r), ret = 1, skip = -1;

	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	while ((ret = ooxml_next(r, part, error)) == 1 && !is_end(r, depth)) {
		if (skip >= 0) {
			if (is_end(r, skip))
				skip = -1;
		} else if (is_start(r, "rPh") && !xmlTextReaderIsEmptyElement(r))
			skip = xmlTextReaderDepth(r);
		else if (is_start(r, "t")) {
			char *t = element_text(r);
			g_string_append(out, t);
			g_free(t);
		}
	}
	return ret;
}

static int
read_sst(struct book *b, const char *part, GError **error)
{
	char *data;
	gsize len;
	int status = ooxml_read(b->z, part, &data, &len, error), ret = 1;
	xmlTextReaderPtr r;

	if (status != SE_OK || data == NULL)
		return status;
	r = ooxml_reader(data, len);
	while (r != NULL && (ret = ooxml_next(r, part, error)) == 1) {
		if (!is_start(r, "si"))
			continue;
		GString *s = g_string_new(NULL);
		ret = rich_text(r, part, s, error);
		g_ptr_array_add(b->sst, g_string_free(s, FALSE));
		if (ret != 1)
			break;
	}
	if (r != NULL)
		xmlFreeTextReader(r);
	g_free(data);
	return ret < 0 || r == NULL ? SE_DAMAGED : SE_OK;
}

/* numFmts and cellXfs: the format code of each cell style. */
static int
read_styles(struct book *b, const char *part, GError **error)
{
	char *data;
	gsize len;
	int status = ooxml_read(b->z, part, &data, &len, error);
	xmlDocPtr doc;

	if (status != SE_OK || data == NULL)
		return status;
	if ((doc = ooxml_dom(data, len, part, error)) == NULL) {
		g_free(data);
		return SE_DAMAGED;
	}
	for (xmlNodePtr s = xmlDocGetRootElement(doc)->children; s; s = s->next) {
		if (ooxml_is(s, "numFmts")) {
			for (xmlNodePtr n = s->children; n; n = n->next) {
				char *id = ooxml_is(n, "numFmt") ?
				    ooxml_attr(n, "numFmtId") : NULL;
				char *code = id ? ooxml_attr(n, "formatCode") : NULL;
				if (id && code)
					g_hash_table_replace(b->fmts,
					    GINT_TO_POINTER(atoi(id)), code);
				else
					g_free(code);
				g_free(id);
			}
		} else if (ooxml_is(s, "cellXfs")) {
			for (xmlNodePtr n = s->children; n; n = n->next) {
				if (!ooxml_is(n, "xf"))
					continue;
				char *id = ooxml_attr(n, "numFmtId");
				int k = id ? atoi(id) : 0;
				const char *code = g_hash_table_lookup(b->fmts,
				    GINT_TO_POINTER(k));
				g_ptr_array_add(b->xf_fmt, (gpointer)(code ? code :
				    numfmt_builtin(k)));
				g_free(id);
			}
		}
	}
	xmlFreeDoc(doc);
	g_free(data);
	return SE_OK;
}

/* "AB12" → column 27, row 11 (0-based); false if it is no reference. */
static bool
cell_ref(const char *s, int *row, int *col)
{
	int c = 0, r = 0, nl = 0, nd = 0;

	for (; g_ascii_isalpha(*s) && nl < 4; s++, nl++)
		c = c * 26 + (g_ascii_toupper(*s) - 'A' + 1);
	for (; g_ascii_isdigit(*s) && nd < 8; s++, nd++)
		r = r * 10 + (*s - '0');
	if (*s != '\0' || (nl == 0 && nd == 0) || (nl > 0 && c > 16384) ||
	    (nd > 0 && (r < 1 || r > 1048576)))
		return false;
	*col = nl ? c - 1 : -1;
	*row = nd ? r - 1 : -1;
	return true;
}

struct xcell {
	int row, col;
	char *text;
};

struct sheet {
	const char *name;
	GArray *cells;		/* struct xcell, in file order */
	GArray *merges;		/* int[4]: r1 c1 r2 c2 */
	GHashTable *hidden_cols;	/* column+1 → 1 */
	GPtrArray *no_cache;	/* char *: refs of formulas without a value */
	int formulas_uncached;
};

/* The value of a <c> as shown, from its type, style and <v>. */
static char *
shown(struct book *b, const char *t, const char *s, const char *v,
    GString *inl)
{
	if (t != NULL && strcmp(t, "inlineStr") == 0)
		return g_strdup(inl->str);
	if (v == NULL)
		return g_strdup("");
	if (t != NULL && strcmp(t, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (*end == '\0' && i >= 0 && i < (long)b->sst->len)
			return g_strdup(b->sst->pdata[i]);
		b->lost_strings++;
		return g_strdup("");
	}
	if (t != NULL && strcmp(t, "b") == 0)
		return g_strdup(truth(v) ? "TRUE" : "FALSE");
	if (t == NULL || strcmp(t, "n") == 0) {
		char *end;
		double x = g_ascii_strtod(v, &end);
		long xf = s ? strtol(s, NULL, 10) : 0;
		const char *code = xf >= 0 && xf < (long)b->xf_fmt->len ?
		    b->xf_fmt->pdata[xf] : NULL;
		if (end == v || *end != '\0')
			return g_strdup(v);
		return numfmt_format(x, code, b->date1904);
	}
	return g_strdup(v);	/* str (a formula's text), e (#N/A), d */
}

/* A cell's text as one paragraph: its line breaks are wraps. */
static char *
paragraph(char *text)
{
	GString *s;
	char **lines;

	if (strchr(text, '\n') == NULL && strchr(text, '\r') == NULL)
		return text;
	s = g_string_new(NULL);
	lines = g_strsplit_set(text, "\r\n", -1);
	for (char **l = lines; *l; l++)
		text_join(s, *l, strlen(*l));
	g_strfreev(lines);
	g_free(text);
	return g_string_free(s, FALSE);
}

static int
read_cell(struct book *b, struct sheet *sh, xmlTextReaderPtr r,
    const char *part, int row, int *col, GError **error)
{
	char *ref = ooxml_reader_attr(r, "r"), *t = ooxml_reader_attr(r, "t");
	char *s = ooxml_reader_attr(r, "s"), *v = NULL;
	GString *inl = g_string_new(NULL);
	bool formula = false;
	int depth = xmlTextReaderDepth(r), ret = 1, rr = row, cc = *col + 1;

	if (ref != NULL && !cell_ref(ref, &rr, &cc)) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "%s: bad cell reference %s", part, ref);
		ret = -1;
	}
	if (rr < 0)
		rr = row;
	if (cc < 0)
		cc = *col + 1;
	if (ret == 1 && !xmlTextReaderIsEmptyElement(r)) {
		while ((ret = ooxml_next(r, part, error)) == 1 &&
		    !is_end(r, depth)) {
			if (is_start(r, "v")) {
				g_free(v);
				v = element_text(r);
			} else if (is_start(r, "f"))
				formula = true;
			else if (is_start(r, "is"))
				ret = rich_text(r, part, inl, error);
			if (ret != 1)
				break;
		}
	}
	if (ret == 1) {
		*col = cc;
		if (formula && v == NULL) {	/* <v/> is a cached "" */
			sh->formulas_uncached++;
			if (sh->no_cache->len < NAMED_FORMULAS)
				g_ptr_array_add(sh->no_cache, ref ? g_strdup(ref) :
				    g_strdup_printf("R%dC%d", rr + 1, cc + 1));
		}
		struct xcell x = { rr, cc, paragraph(shown(b, t, s, v, inl)) };
		g_array_append_val(sh->cells, x);
	}
	g_string_free(inl, TRUE);
	g_free(ref);
	g_free(t);
	g_free(s);
	g_free(v);
	return ret;
}

static int
read_sheet(struct book *b, struct sheet *sh, const char *part,
    GError **error)
{
	char *data;
	gsize len;
	int status = ooxml_read(b->z, part, &data, &len, error), ret = 1;
	int row = -1, col = -1;
	bool row_hidden = false;
	xmlTextReaderPtr r;

	if (status != SE_OK)
		return status;
	if (data == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "sheet %s: part %s missing", sh->name, part);
		return SE_DAMAGED;
	}
	r = ooxml_reader(data, len);
	while (r != NULL && (ret = ooxml_next(r, part, error)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = local(r);
		if (strcmp(name, "c") == 0) {
			if (b->opts->max_cells > 0 &&
			    ++b->cells > b->opts->max_cells) {
				g_set_error(error, SE_ERROR, SE_LIMIT,
				    "more than %ld cells (sheet %s; --max-cells)",
				    b->opts->max_cells, sh->name);
				status = SE_LIMIT;
				break;
			}
			if (row_hidden)
				continue;	/* counted, not shown */
			if ((ret = read_cell(b, sh, r, part, row, &col,
			    error)) != 1)
				break;
		} else if (strcmp(name, "row") == 0) {
			char *rn = ooxml_reader_attr(r, "r");
			char *hid = ooxml_reader_attr(r, "hidden");
			row = rn ? atoi(rn) - 1 : row + 1;
			if (row < 0)
				row = 0;
			row_hidden = truth(hid);
			col = -1;
			g_free(rn);
			g_free(hid);
		} else if (strcmp(name, "col") == 0) {
			char *lo = ooxml_reader_attr(r, "min");
			char *hi = ooxml_reader_attr(r, "max");
			char *hid = ooxml_reader_attr(r, "hidden");
			if (lo && hi && truth(hid))
				for (int c = MAX(atoi(lo), 1);
				    c <= MIN(atoi(hi), 16384); c++)
					g_hash_table_add(sh->hidden_cols,
					    GINT_TO_POINTER(c));
			g_free(lo);
			g_free(hi);
			g_free(hid);
		} else if (strcmp(name, "mergeCell") == 0) {
			char *ref = ooxml_reader_attr(r, "ref");
			char **ends = ref ? g_strsplit(ref, ":", 2) : NULL;
			int m[4];
			if (ends && ends[0] && ends[1] &&
			    cell_ref(ends[0], &m[0], &m[1]) &&
			    cell_ref(ends[1], &m[2], &m[3]) && m[0] >= 0 &&
			    m[1] >= 0 && m[2] >= m[0] && m[3] >= m[1])
				g_array_append_vals(sh->merges, m, 4);
			g_strfreev(ends);
			g_free(ref);
		}
	}
	if (status == SE_OK && (ret < 0 || r == NULL)) {
		if (error && *error == NULL)
			g_set_error(error, SE_ERROR, SE_DAMAGED,
			    "malformed XML in %s", part);
		status = SE_DAMAGED;
	}
	if (r != NULL)
		xmlFreeTextReader(r);
	g_free(data);
	return status;
}

static int
int_cmp(gconstpointer a, gconstpointer b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* Sorted distinct values of a set of ints, and their index by value. */
static GArray *
ordinals(GHashTable *set, GHashTable *index)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(int));
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, set);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		int x = GPOINTER_TO_INT(k) - 1;
		g_array_append_val(v, x);
	}
	g_array_sort(v, int_cmp);
	for (guint i = 0; i < v->len; i++)
		g_hash_table_insert(index,
		    GINT_TO_POINTER(g_array_index(v, int, i) + 1),
		    GINT_TO_POINTER(i));
	return v;
}


/*
 * The sheet's visible cells as one table, then split into bands of one
 * column system (doc_table_bands), as the PDF reader splits a ruled one.
 */
static void
sheet_page(struct sheet *sh, struct doc_page *pg)
{
	GHashTable *rows = g_hash_table_new(NULL, NULL);
	GHashTable *cols = g_hash_table_new(NULL, NULL);
	GHashTable *ri = g_hash_table_new(NULL, NULL);
	GHashTable *ci = g_hash_table_new(NULL, NULL);
	GArray *rv, *cv;
	struct doc_block *whole;

	for (guint i = 0; i < sh->cells->len; i++) {
		struct xcell *x = &g_array_index(sh->cells, struct xcell, i);
		if (g_hash_table_contains(sh->hidden_cols,
		    GINT_TO_POINTER(x->col + 1)))
			continue;
		g_hash_table_add(rows, GINT_TO_POINTER(x->row + 1));
		g_hash_table_add(cols, GINT_TO_POINTER(x->col + 1));
	}
	rv = ordinals(rows, ri);
	cv = ordinals(cols, ci);
	if (rv->len > 0 && cv->len > 0) {
		whole = doc_block_table((int)cv->len);
		for (guint i = 0; i < rv->len; i++)
			doc_table_add_row(whole->table);
		for (guint i = 0; i < sh->cells->len; i++) {
			struct xcell *x = &g_array_index(sh->cells,
			    struct xcell, i);
			gpointer r, c;
			if (x->text[0] && g_hash_table_lookup_extended(ri,
			    GINT_TO_POINTER(x->row + 1), NULL, &r) &&
			    g_hash_table_lookup_extended(ci,
			    GINT_TO_POINTER(x->col + 1), NULL, &c))
				doc_cell_set(whole->table, GPOINTER_TO_INT(r),
				    GPOINTER_TO_INT(c), x->text);
		}
		sheet_merges(whole->table, rv, cv, sh->merges);
		doc_table_bands(whole->table, pg->blocks, NULL);
		doc_block_free(whole);
	}
	g_array_free(rv, TRUE);
	g_array_free(cv, TRUE);
	g_hash_table_destroy(rows);
	g_hash_table_destroy(cols);
	g_hash_table_destroy(ri);
	g_hash_table_destroy(ci);
}

static void
sheet_clear(struct sheet *sh)
{
	for (guint i = 0; i < sh->cells->len; i++)
		g_free(g_array_index(sh->cells, struct xcell, i).text);
	g_array_free(sh->cells, TRUE);
	g_array_free(sh->merges, TRUE);
	g_hash_table_destroy(sh->hidden_cols);
	g_ptr_array_free(sh->no_cache, TRUE);
}

/*
 * A formula whose result the file does not hold (written by a program
 * that never calculated it) shows blank; the archive's audit says so.
 */
static void
warn_uncached(GPtrArray *warnings, const struct sheet *sh)
{
	GString *s = g_string_new(NULL);

	if (warnings == NULL)
		return;
	g_string_printf(s, "sheet %s: %d formula cell%s without a cached value "
	    "(", sh->name, sh->formulas_uncached,
	    sh->formulas_uncached == 1 ? "" : "s");
	for (guint i = 0; i < sh->no_cache->len; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "",
		    (char *)sh->no_cache->pdata[i]);
	if ((guint)sh->formulas_uncached > sh->no_cache->len)
		g_string_append(s, ", ...");
	g_string_append(s, "), shown blank");
	g_ptr_array_add(warnings, g_string_free(s, FALSE));
}

static int
read_book(struct book *b, struct provenance *prov, struct doc *d,
    GPtrArray *warnings, GError **error)
{
	char *wb = ooxml_rel_type(b->z, "", "/officeDocument", "xl/workbook.xml");
	char *styles = ooxml_rel_type(b->z, wb, "/styles", "xl/styles.xml");
	char *sst = ooxml_rel_type(b->z, wb, "/sharedStrings",
	    "xl/sharedStrings.xml");
	char *data = NULL;
	gsize len;
	GHashTable *rels = NULL;
	xmlDocPtr doc = NULL;
	int status;

	status = ooxml_read(b->z, wb, &data, &len, error);
	if (status == SE_OK && data == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged workbook: no %s", wb);
		status = SE_DAMAGED;
	}
	if (status == SE_OK && (doc = ooxml_dom(data, len, wb, error)) == NULL)
		status = SE_DAMAGED;
	if (status == SE_OK)
		status = ooxml_rels(b->z, wb, &rels, NULL, error);
	if (status == SE_OK)
		status = read_styles(b, styles, error);
	if (status == SE_OK)
		status = read_sst(b, sst, error);
	for (xmlNodePtr s = doc && status == SE_OK ?
	    xmlDocGetRootElement(doc)->children : NULL; s; s = s->next) {
		if (ooxml_is(s, "workbookPr")) {
			char *v = ooxml_attr(s, "date1904");
			b->date1904 = truth(v);
			g_free(v);
		}
		if (!ooxml_is(s, "sheets"))
			continue;
		for (xmlNodePtr n = s->children; n && status == SE_OK;
		    n = n->next) {
			if (!ooxml_is(n, "sheet"))
				continue;
			char *name = ooxml_attr(n, "name");
			char *state = ooxml_attr(n, "state");
			char *id = ooxml_attr(n, "id");
			const char *part = id ? g_hash_table_lookup(rels, id) :
			    NULL;
			/* A hidden sheet is not printed: not a page. */
			if (part != NULL && !(state && strcmp(state,
			    "visible") != 0)) {
				struct sheet sh = {
					.name = name ? name : "?",
					.cells = g_array_new(FALSE, FALSE,
					    sizeof(struct xcell)),
					.merges = g_array_new(FALSE, FALSE,
					    sizeof(int)),
					.hidden_cols = g_hash_table_new(NULL, NULL),
					.no_cache = g_ptr_array_new_with_free_func(
					    g_free),
				};
				status = read_sheet(b, &sh, part, error);
				if (status == SE_OK) {
					sheet_page(&sh, doc_add_page(d));
					if (sh.formulas_uncached > 0)
						warn_uncached(warnings, &sh);
				}
				sheet_clear(&sh);
			}
			g_free(name);
			g_free(state);
			g_free(id);
		}
	}
	if (status == SE_OK && d->pages->len == 0) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "workbook without a visible sheet");
		status = SE_NOTEXT;
	}
	prov->pages = (int)d->pages->len;
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (rels != NULL)
		g_hash_table_destroy(rels);
	g_free(data);
	g_free(wb);
	g_free(styles);
	g_free(sst);
	return status;
}

int
xlsx_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	struct book b = { .opts = opts };
	int status = ooxml_open(bytes, &b.z, error);

	if (status != SE_OK)
		return status;
	b.sst = g_ptr_array_new_with_free_func(g_free);
	b.xf_fmt = g_ptr_array_new();
	b.fmts = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	prov->producer = ooxml_producer(b.z);
	status = read_book(&b, prov, d, warnings, error);
	/* Text the workbook lost is not a blank the form left. */
	if (status == SE_OK && b.lost_strings > 0) {
		g_set_error(error, SE_ERROR, SE_DAMAGED, "damaged workbook: %ld "
		    "cell%s name%s a shared string it does not have",
		    b.lost_strings, b.lost_strings == 1 ? "" : "s",
		    b.lost_strings == 1 ? "s" : "");
		status = SE_DAMAGED;
	}
	g_ptr_array_free(b.sst, TRUE);
	g_ptr_array_free(b.xf_fmt, TRUE);
	g_hash_table_destroy(b.fmts);
	ooxml_close(b.z);
	return status;
}
