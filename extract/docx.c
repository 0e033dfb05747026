/*
 * The DOCX reader: the body's paragraphs and tables in document order into
 * the model. A paragraph is a line (its w:br breaks make more lines); a
 * table a table of its grid, w:gridSpan spanning columns and w:vMerge rows;
 * a table nested in a cell comes after the table holding it, as a table of
 * its own (a layout table that only holds the form then leaves nothing of
 * its own). Text boxes (w:txbxContent, as in a form's heading block) are
 * read where they are anchored, the VML copy of the same box
 * (mc:Fallback) skipped. Explicit page breaks start pages. Running page
 * headers and footers are not read: the PDF reader drops them too.
 */
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "html.h"
#include "office.h"
#include "ooxml.h"
#include "textfile.h"
#include "status.h"
#include "text.h"

#define W_NS		"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT	"http://purl.oclc.org/ooxml/wordprocessingml/main"

/* Tables nested deeper than this are read as their cells' text. */
#define MAX_DEPTH	16

/*
 * What of the formatting this reader looks at (pageBreakBefore in
 * paragraph(), the spans in table()); the rest is not built into the
 * tree: three elements in four, nearly every attribute.
 */
static const struct ooxml_prune formatting[] = {
	{ "rPr", { NULL } },
	{ "tblPr", { NULL } },
	{ "sectPr", { NULL } },
	{ "pPr", { "pageBreakBefore", NULL } },
	{ "trPr", { "gridBefore", "gridAfter", NULL } },
	{ "tcPr", { "gridSpan", "vMerge", NULL } },
	{ NULL, { NULL } },
};

struct ctx {
	struct doc *d;
	struct doc_page *pg;
	bool new_page;		/* a page break waits for the next block */
	long cells, max_cells;	/* table cells read, and the bound */
	GError *error;		/* the first failure; reading stops */
	struct ooxml *z;	/* the package, for w:altChunk's parts */
	const char *part;	/* the document part */
};

static bool
is_w(xmlNodePtr n, const char *name)
{
	return ooxml_is(n, name) && n->ns != NULL &&
	    (strcmp((const char *)n->ns->href, W_NS) == 0 ||
	    strcmp((const char *)n->ns->href, W_NS_STRICT) == 0);
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* w:val of a property element, as an int; dflt when absent. */
static int
val_int(xmlNodePtr n, int dflt)
{
	char *v = n ? ooxml_attr(n, "val") : NULL;
	int x = v && *v ? atoi(v) : dflt;

	g_free(v);
	return x;
}

static struct doc_page *
page(struct ctx *x)
{
	if (x->pg == NULL || x->new_page) {
		x->pg = doc_add_page(x->d);
		x->new_page = false;
	}
	return x->pg;
}

/*
 * The inline text under n: runs' w:t, w:tab as TAB, w:br and w:cr as
 * '\n', a page break as '\f'. Text boxes are collected into boxes, not
 * read inline; deleted text, field codes and properties are skipped.
 */
static void
inline_text(xmlNodePtr n, GString *out, GPtrArray *boxes)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			g_string_append(out, s ? (const char *)s : "");
			xmlFree(s);
		} else if (is_w(c, "tab"))
			g_string_append_c(out, '\t');
		else if (is_w(c, "br")) {
			char *type = ooxml_attr(c, "type");
			g_string_append_c(out, type && strcmp(type, "page") == 0 ?
			    '\f' : '\n');
			g_free(type);
		} else if (is_w(c, "cr"))
			g_string_append_c(out, '\n');
		else if (is_w(c, "noBreakHyphen"))
			g_string_append_c(out, '-');
		else if (is_w(c, "txbxContent"))
			g_ptr_array_add(boxes, c);
		else if (is_w(c, "pPr") || is_w(c, "rPr") || is_w(c, "del") ||
		    is_w(c, "moveFrom") ||	/* moved away: read at moveTo */
		    is_w(c, "instrText") || is_w(c, "delText") ||
		    ooxml_is(c, "Fallback"))
			continue;
		else
			inline_text(c, out, boxes);
	}
}

static void body(struct ctx *x, xmlNodePtr parent, int depth);

static void
paragraph(struct ctx *x, xmlNodePtr p, int depth)
{
	GString *s = g_string_new(NULL);
	GPtrArray *boxes = g_ptr_array_new();
	char **pages;

	if (child(child(p, "pPr"), "pageBreakBefore") != NULL &&
	    x->pg != NULL && x->pg->blocks->len > 0)
		x->new_page = true;
	inline_text(p, s, boxes);
	for (guint i = 0; i < boxes->len; i++)
		body(x, boxes->pdata[i], depth);
	pages = g_strsplit(s->str, "\f", -1);
	for (char **pp = pages; *pp; pp++) {
		char **lines = g_strsplit(*pp, "\n", -1);
		if (pp != pages)
			x->new_page = true;
		for (char **l = lines; *l; l++) {
			char *t = text_strip(*l, strlen(*l));
			if (*t)
				doc_add_line(page(x), t);
			g_free(t);
		}
		g_strfreev(lines);
	}
	g_strfreev(pages);
	g_ptr_array_free(boxes, TRUE);
	g_string_free(s, TRUE);
}

/* A cell's text as one paragraph; nested tables go to nested. */
static void
cell_text(xmlNodePtr n, GString *out, GPtrArray *nested)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_w(c, "p")) {
			GString *s = g_string_new(NULL);
			GPtrArray *boxes = g_ptr_array_new();
			char **lines;
			inline_text(c, s, boxes);
			lines = g_strsplit_set(s->str, "\n\f", -1);
			for (char **l = lines; *l; l++)
				text_join(out, *l, strlen(*l));
			g_strfreev(lines);
			for (guint i = 0; i < boxes->len; i++)
				cell_text(boxes->pdata[i], out, nested);
			g_ptr_array_free(boxes, TRUE);
			g_string_free(s, TRUE);
		} else if (is_w(c, "tbl"))
			g_ptr_array_add(nested, c);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") ||
		    is_w(c, "customXml") || is_w(c, "ins"))
			cell_text(c, out, nested);
	}
}

struct dcell {
	int r, c, span;
	int vmerge;		/* 0 none, 1 restart, 2 continue */
	char *text;
};

/* A table row deleted with changes tracked: w:trPr holds w:del. */
static bool
row_deleted(xmlNodePtr tr)
{
	for (xmlNodePtr c = tr->children; c; c = c->next)
		if (is_w(c, "trPr"))
			for (xmlNodePtr d = c->children; d; d = d->next)
				if (is_w(d, "del"))
					return true;
	return false;
}

/*
 * The w:tr (or w:tc) children of n, through content controls; not rows
 * deleted with changes tracked, which Word shows struck through.
 */
static void
children_named(xmlNodePtr n, const char *name, GPtrArray *out)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_w(c, name) && is_w(c, "tr") && row_deleted(c))
			continue;
		if (is_w(c, name))
			g_ptr_array_add(out, c);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") ||
		    is_w(c, "customXml") || is_w(c, "ins"))
			children_named(c, name, out);
	}
}

static void
table(struct ctx *x, xmlNodePtr tbl, int depth)
{
	GArray *cells = g_array_new(FALSE, FALSE, sizeof(struct dcell));
	GPtrArray *nested = g_ptr_array_new(), *trs = g_ptr_array_new();
	GHashTable *at = g_hash_table_new(g_int64_hash, g_int64_equal);
	gint64 *keys;
	int ncols = 0, nrows;
	struct doc_block *whole;

	for (xmlNodePtr g = child(child(tbl, "tblGrid"), "gridCol"); g;
	    g = g->next)
		ncols += is_w(g, "gridCol");
	children_named(tbl, "tr", trs);
	nrows = (int)trs->len;
	for (int r = 0; r < nrows && x->error == NULL; r++) {
		xmlNodePtr tr = trs->pdata[r], trpr = child(tr, "trPr");
		GPtrArray *tcs = g_ptr_array_new();
		int c = MAX(val_int(child(trpr, "gridBefore"), 0), 0);
		children_named(tr, "tc", tcs);
		x->cells += tcs->len;
		if (x->max_cells > 0 && x->cells > x->max_cells)
			g_set_error(&x->error, SE_ERROR, SE_LIMIT,
			    "more than %ld table cells (--max-cells)",
			    x->max_cells);
		for (guint i = 0; i < tcs->len && x->error == NULL; i++) {
			xmlNodePtr tc = tcs->pdata[i], pr = child(tc, "tcPr");
			xmlNodePtr vm = child(pr, "vMerge");
			GString *s = g_string_new(NULL);
			struct dcell dc = { r, c, 1, 0, NULL };
			char *v = vm ? ooxml_attr(vm, "val") : NULL;
			dc.span = MIN(MAX(val_int(child(pr, "gridSpan"), 1), 1),
			    1000);
			dc.vmerge = vm == NULL ? 0 : v && strcmp(v, "restart") == 0 ?
			    1 : 2;
			g_free(v);
			cell_text(tc, s, nested);
			dc.text = g_string_free(s, FALSE);
			g_array_append_val(cells, dc);
			c += dc.span;
		}
		ncols = MAX(ncols, c + MAX(val_int(child(trpr, "gridAfter"), 0),
		    0));
		g_ptr_array_free(tcs, TRUE);
	}
	keys = g_new(gint64, cells->len + 1);
	for (guint i = 0; i < cells->len; i++) {
		struct dcell *dc = &g_array_index(cells, struct dcell, i);
		keys[i] = (gint64)dc->r << 32 | (guint32)dc->c;
		g_hash_table_insert(at, &keys[i], dc);
	}
	if (x->error == NULL && nrows > 0 && ncols > 0) {
		whole = doc_block_table(ncols);
		for (int r = 0; r < nrows; r++)
			doc_table_add_row(whole->table);
		for (guint i = 0; i < cells->len; i++) {
			struct dcell *dc = &g_array_index(cells, struct dcell, i);
			int rowspan = 1;
			if (dc->vmerge == 2 || dc->c >= ncols)
				continue;
			/* continued below by cells marked vMerge continue */
			for (;;) {
				gint64 k = (gint64)(dc->r + rowspan) << 32 |
				    (guint32)dc->c;
				struct dcell *below = g_hash_table_lookup(at, &k);
				if (below == NULL || below->vmerge != 2)
					break;
				rowspan++;
			}
			if (doc_cell(whole->table, dc->r, dc->c)->left ||
			    doc_cell(whole->table, dc->r, dc->c)->above)
				continue;	/* a malformed overlap */
			doc_cell_set(whole->table, dc->r, dc->c, dc->text);
			if (rowspan > 1 || dc->span > 1)
				doc_table_merge(whole->table, dc->r, dc->c,
				    rowspan, dc->span);
		}
		doc_table_bands(whole->table, page(x)->blocks, NULL);
		doc_block_free(whole);
	}
	for (guint i = 0; i < nested->len && x->error == NULL; i++) {
		if (depth < MAX_DEPTH)
			table(x, nested->pdata[i], depth + 1);
	}
	for (guint i = 0; i < cells->len; i++)
		g_free(g_array_index(cells, struct dcell, i).text);
	g_array_free(cells, TRUE);
	g_hash_table_destroy(at);
	g_free(keys);
	g_ptr_array_free(nested, TRUE);
	g_ptr_array_free(trs, TRUE);
}

/*
 * w:altChunk: a part of another format that Word imports when it opens
 * the file. "Export to Word" code of web systems writes the whole form so,
 * as an HTML page; it is read by the HTML reader, in its place.
 */
static void
alt_chunk(struct ctx *x, xmlNodePtr n)
{
	GHashTable *rels = NULL;
	char *id = ooxml_attr(n, "id"), *data = NULL;
	const char *target;
	gsize len = 0;

	if (id == NULL || ooxml_rels(x->z, x->part, &rels, NULL,
	    &x->error) != SE_OK) {
		g_free(id);
		return;
	}
	target = g_hash_table_lookup(rels, id);
	if (target != NULL && ooxml_read(x->z, target, &data, &len,
	    &x->error) == SE_OK && data != NULL) {
		enum doc_format f = detect_format(data, len);
		struct doc *chunk = doc_new();
		struct provenance cp = { 0 };
		GError *e = NULL;
		int st = f == FMT_HTML ? html_extract(data, len, &cp, chunk, &e) :
		    f == FMT_TEXT ? textfile_extract(data, len, &cp, chunk, NULL,
		    &e) : SE_FORMAT;
		for (guint i = 0; st == SE_OK && i < chunk->pages->len; i++) {
			struct doc_page *cpg = chunk->pages->pdata[i];
			gsize nb = 0;
			gpointer *bs = g_ptr_array_steal(cpg->blocks, &nb);
			for (gsize k = 0; k < nb; k++)
				g_ptr_array_add(page(x)->blocks, bs[k]);
			g_free(bs);
		}
		/*
		 * A chunk of another kind is left, as Word would show little
		 * of it; one its reader refused (a limit, bytes no encoding
		 * has) is the file's failure, with the reader's reason.
		 */
		if (st != SE_OK && st != SE_FORMAT && st != SE_EMPTY && e != NULL)
			g_propagate_prefixed_error(&x->error, e, "altChunk %s: ",
			    target);
		else
			g_clear_error(&e);
		prov_clear(&cp);
		doc_free(chunk);
	}
	g_free(data);
	g_free(id);
	g_hash_table_destroy(rels);
}

static void
body(struct ctx *x, xmlNodePtr parent, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (xmlNodePtr c = parent->children; c && x->error == NULL;
	    c = c->next) {
		if (is_w(c, "p"))
			paragraph(x, c, depth + 1);
		else if (is_w(c, "tbl"))
			table(x, c, depth + 1);
		else if (is_w(c, "altChunk"))
			alt_chunk(x, c);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") ||
		    is_w(c, "customXml") || is_w(c, "ins"))
			body(x, c, depth + 1);
	}
}

int
docx_extract(GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	struct ooxml *z;
	struct ctx x = { d, NULL, false, 0, opts->max_cells, NULL, NULL, NULL };
	char *part, *data = NULL;
	gsize len;
	xmlDocPtr doc = NULL;
	xmlNodePtr b;
	int status = ooxml_open(bytes, &z, error);

	(void)warnings;
	if (status != SE_OK)
		return status;
	part = ooxml_rel_type(z, "", "/officeDocument",
	    "word/document.xml");
	status = ooxml_read(z, part, &data, &len, error);
	if (status == SE_OK && data == NULL) {
		g_set_error(error, SE_ERROR, SE_DAMAGED,
		    "damaged Word document: no %s", part);
		status = SE_DAMAGED;
	}
	if (status == SE_OK && (doc = ooxml_dom_pruned(data, len, part,
	    formatting, error)) == NULL)
		status = SE_DAMAGED;
	if (status == SE_OK) {
		prov->producer = ooxml_producer(z);
		x.z = z;
		x.part = part;
		b = child(xmlDocGetRootElement(doc), "body");
		if (b != NULL)
			body(&x, b, 0);
		if (x.error != NULL) {
			status = x.error->code;
			g_propagate_error(error, x.error);
		} else if (d->pages->len == 0)
			doc_add_page(d);
		prov->pages = (int)d->pages->len;
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	g_free(data);
	g_free(part);
	ooxml_close(z);
	return status;
}
