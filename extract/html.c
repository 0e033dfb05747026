/*
 * The HTML reader: a web page (a 政务公开 article, a table saved from Word
 * or WPS as a web page) into the document model.
 *
 * libxml2's HTML parser builds the tree the way a browser would from
 * malformed markup; it never touches the network and expands no entities
 * but HTML's own. The bytes are decoded to UTF-8 first, by the charset the
 * page declares (BOM, then <meta>), else by sniffing; gb2312 and GBK are
 * read as GB18030, as browsers do.
 *
 * A site page holds the form among its own chrome: layout tables that hold
 * other tables, navigation bars, breadcrumbs, footers. The form's data
 * tables are the tables that hold no other table, have rows and columns
 * and whose text is not mostly links; the page is read from the smallest
 * layout cell (or the body) that holds all of them, and within it tables
 * and lines made mostly of links are dropped.
 */
#include <libxml/HTMLparser.h>
#include <string.h>

#include "html.h"
#include "status.h"
#include "text.h"
#include "textfile.h"

/* How far to look for a <meta> charset, as browsers do. */
#define META_SNIFF 4096
/*
 * Deeper than this the tree is not a page but an attack (the readers
 * recurse: 2048 frames are well inside a stack). An old CMS page with
 * 300 <font> tags left open nests its form 318 deep.
 */
#define MAX_DEPTH 2048
/* Browsers clamp spans so; the grid is bounded too. */
#define MAX_COLSPAN 1000
#define MAX_SLOTS 500000
/* A data table with less than 1/FORM_SHARE of the largest's text is chrome. */
#define FORM_SHARE 8
/* No-break spaces in a row that split a borderless line, as a TAB. */
#define TAB_SPACES 4

/* ---- charset ---- */

/* The iconv name for a declared charset; NULL for one iconv may know. */
static const char *
charset_alias(const char *cs)
{
	static const char *const gb[] = { "gb2312", "gbk", "gb18030",
	    "gb_2312-80", "x-gbk", "euc-cn", "x-euc-cn", "cp936",
	    "windows-936", "csgb2312", "chinese", "iso-ir-58" };

	for (size_t i = 0; i < G_N_ELEMENTS(gb); i++)
		if (g_ascii_strcasecmp(cs, gb[i]) == 0)
			return "GB18030";
	if (g_ascii_strcasecmp(cs, "utf8") == 0 ||
	    g_ascii_strcasecmp(cs, "utf-8") == 0)
		return "UTF-8";
	if (g_ascii_strncasecmp(cs, "big5", 4) == 0)
		return "BIG5-HKSCS";
	/* Latin-1 pages are windows-1252 in every browser. */
	if (g_ascii_strcasecmp(cs, "iso-8859-1") == 0 ||
	    g_ascii_strcasecmp(cs, "latin1") == 0 ||
	    g_ascii_strcasecmp(cs, "us-ascii") == 0)
		return "WINDOWS-1252";
	return NULL;
}

/* The charset a <meta> in the head declares, or NULL. */
static char *
meta_charset(const char *data, gsize len)
{
	gsize n = len < META_SNIFF ? len : META_SNIFF;
	char *head = g_ascii_strdown(data, (gssize)n);
	char *found = NULL;

	/* g_ascii_strdown stops at a NUL: a UTF-16 page has its BOM. */
	for (char *p = head; (p = strstr(p, "<meta")) != NULL && !found; p++) {
		char *end = strchr(p, '>'), *cs;
		if (end == NULL)
			break;
		*end = '\0';
		cs = strstr(p, "charset");
		if (cs != NULL) {
			cs += 7;
			while (*cs == ' ' || *cs == '=' || *cs == '"' ||
			    *cs == '\'')
				cs++;
			gsize k = strspn(cs, "abcdefghijklmnopqrstuvwxyz"
			    "0123456789-_.:");
			if (k > 0)
				found = g_strndup(cs, k);
		}
		*end = '>';
	}
	g_free(head);
	return found;
}

/* The page as UTF-8; *used names the charset read. */
static char *
decode(const char *data, gsize len, char **used)
{
	const unsigned char *u = (const unsigned char *)data;
	char *declared, *s = NULL;
	const char *cs = NULL;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*used = g_strdup("UTF-8");
		return textfile_iconv(data + 3, len - 3, "UTF-8", true);
	}
	if (len >= 2 && (u[0] == 0xFF && u[1] == 0xFE)) {
		*used = g_strdup("UTF-16LE");
		return textfile_iconv(data + 2, len - 2, "UTF-16LE", true);
	}
	if (len >= 2 && (u[0] == 0xFE && u[1] == 0xFF)) {
		*used = g_strdup("UTF-16BE");
		return textfile_iconv(data + 2, len - 2, "UTF-16BE", true);
	}
	declared = meta_charset(data, len);
	if (declared != NULL) {
		cs = charset_alias(declared);
		if (cs == NULL)
			cs = declared;
		s = textfile_iconv(data, len, cs, false);
	}
	/*
	 * Undeclared, or the declaration is wrong (a GBK page that says
	 * utf-8 is common): UTF-8 if it is valid, else GB18030.
	 */
	if (s == NULL && g_utf8_validate(data, (gssize)len, NULL)) {
		cs = "UTF-8";
		s = g_strndup(data, len);
	}
	if (s == NULL) {
		cs = "GB18030";
		s = textfile_iconv(data, len, cs, false);
	}
	if (s == NULL) {
		cs = declared != NULL && charset_alias(declared) ?
		    charset_alias(declared) : "GB18030";
		s = textfile_iconv(data, len, cs, true);
	}
	*used = g_strdup(cs);
	g_free(declared);
	return s;
}

/*
 * Word's downlevel-revealed conditionals, <![if !supportLists]> and
 * <![endif]>, are bogus comments to a browser, which shows what lies
 * between them; libxml2 would print them as text.
 */
static void
drop_bogus_comments(char *s)
{
	char *w = s;

	for (char *r = s; *r;) {
		/* A real comment, Word's <!--[if gte mso 9]> ones, stays. */
		if (strncmp(r, "<!--", 4) == 0) {
			char *end = strstr(r + 4, "-->");
			size_t n = end ? (size_t)(end + 3 - r) : strlen(r);
			memmove(w, r, n);
			w += n;
			r += n;
			continue;
		}
		if (r[0] == '<' && r[1] == '!' && r[2] == '[' &&
		    strncmp(r, "<![CDATA[", 9) != 0) {
			char *end = strchr(r, '>');
			if (end != NULL) {
				r = end + 1;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/* ---- the tree ---- */

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

static bool
is_any(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is(n, *names))
			return true;
	return false;
}

/* A style attribute, lower-cased without white space, or NULL. */
static char *
style_of(const xmlNode *n)
{
	xmlChar *st = xmlGetProp(n, (const xmlChar *)"style");
	GString *s;

	if (st == NULL)
		return NULL;
	s = g_string_new(NULL);
	for (const xmlChar *p = st; *p; p++)
		if (!g_ascii_isspace(*p))
			g_string_append_c(s, g_ascii_tolower(*p));
	xmlFree(st);
	return g_string_free(s, FALSE);
}

/* Not text: code, metadata, and what the page hides from its reader. */
static bool
unseen(const xmlNode *n)
{
	static const char *const names[] = { "head", "script", "style",
	    "noscript", "template", "title", "select", "textarea", "iframe",
	    "object", "embed", "svg", "map", "xml", NULL };
	char *st;
	bool hidden;

	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return true;
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (is_any(n, names) || xmlHasProp(n, (const xmlChar *)"hidden"))
		return true;
	st = style_of(n);
	hidden = st != NULL && (strstr(st, "display:none") != NULL ||
	    strstr(st, "mso-hide:all") != NULL ||
	    strstr(st, "visibility:hidden") != NULL);
	g_free(st);
	return hidden;
}

static bool
is_block(const xmlNode *n)
{
	static const char *const names[] = { "p", "div", "h1", "h2", "h3",
	    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
	    "center", "pre", "address", "section", "article", "header",
	    "footer", "nav", "aside", "main", "form", "fieldset", "legend",
	    "hr", "caption", "figure", "figcaption", "body", "tr", "td", "th",
	    "thead", "tbody", "tfoot", NULL };

	return is_any(n, names);
}

static bool
is_cell(const xmlNode *n)
{
	return is(n, "td") || is(n, "th");
}

/* Rows of a table, its own, not those of tables inside it. */
static void
table_rows(xmlNode *table, GPtrArray *rows)
{
	for (xmlNode *c = table->children; c; c = c->next) {
		if (unseen(c))
			continue;	/* a hidden row is no row */
		if (is(c, "tr"))
			g_ptr_array_add(rows, c);
		else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot"))
			table_rows(c, rows);
	}
}

/*
 * What lies under an element, measured once for the whole page (asking
 * each element anew would cost the square of the page's depth).
 */
struct counts {
	int all;		/* characters of visible text */
	int linked;		/* of them, in links */
	bool tables;		/* a table somewhere below */
};

static void
measure(GHashTable *m, xmlNode *n, int depth, struct counts *out)
{
	struct counts c = { 0, 0, false };

	if (depth <= MAX_DEPTH && !unseen(n)) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			for (const char *p = (const char *)n->content; p && *p;
			    p = g_utf8_next_char(p)) {
				gunichar u = g_utf8_get_char(p);
				if (!g_unichar_isspace(u) && u != 0xA0 &&
				    u != 0x3000)
					c.all++;
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			for (xmlNode *k = n->children; k; k = k->next) {
				struct counts kc;
				measure(m, k, depth + 1, &kc);
				c.all += kc.all;
				c.linked += kc.linked;
				c.tables = c.tables || kc.tables || is(k, "table");
			}
			if (is(n, "a"))
				c.linked = c.all;
			g_hash_table_insert(m, n, g_memdup2(&c, sizeof c));
		}
	}
	*out = c;
}

static const struct counts *
counts_of(GHashTable *m, const xmlNode *n)
{
	static const struct counts none = { 0, 0, false };
	const struct counts *c = g_hash_table_lookup(m, n);

	return c != NULL ? c : &none;
}

static bool
has_table(GHashTable *m, const xmlNode *n)
{
	return counts_of(m, n)->tables;
}

/* Navigation: text that is mostly links (menus, breadcrumbs, 【关闭】). */
static bool
link_chrome(GHashTable *m, const xmlNode *n)
{
	const struct counts *c = counts_of(m, n);

	return c->linked > 0 && 2 * c->linked >= c->all;
}

static int
span_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	long k;

	if (v == NULL)
		return 1;
	k = strtol((const char *)v, NULL, 10);
	xmlFree(v);
	return k < 0 ? 1 : k > 65534 ? 65534 : (int)k;
}

/*
 * A table that carries the form: it holds no other table, has at least
 * two rows and two columns, and its text is not mostly links.
 */
static bool
data_table(GHashTable *m, xmlNode *t)
{
	GPtrArray *rows = g_ptr_array_new();
	const struct counts *tc = counts_of(m, t);
	int cols = 0;
	bool yes;

	table_rows(t, rows);
	for (guint r = 0; r < rows->len; r++) {
		int k = 0;
		for (xmlNode *c = ((xmlNode *)rows->pdata[r])->children; c;
		    c = c->next)
			if (is_cell(c))
				k += MAX(1, MIN(span_attr(c, "colspan"),
				    MAX_COLSPAN));
		cols = MAX(cols, k);
	}
	yes = rows->len >= 2 && cols >= 2 && tc->all > 0 &&
	    2 * tc->linked < tc->all && !tc->tables;
	g_ptr_array_free(rows, TRUE);
	return yes;
}

static void
find_tables(GHashTable *m, xmlNode *n, int depth, GPtrArray *out)
{
	if (depth > MAX_DEPTH)
		return;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (unseen(c))
			continue;
		if (is(c, "table") && data_table(m, c))
			g_ptr_array_add(out, c);
		find_tables(m, c, depth + 1, out);
	}
}

static bool
ancestor_of(const xmlNode *a, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

/*
 * Where the form is: the smallest layout cell, or the body, that holds
 * every data table; the whole page when it has none.
 */
static xmlNode *
form_region(GHashTable *m, xmlNode *root)
{
	GPtrArray *tables = g_ptr_array_new();
	xmlNode *body = root, *lca;

	for (xmlNode *c = root->children; c; c = c->next)
		if (is(c, "body"))
			body = c;
	find_tables(m, root, 0, tables);
	if (tables->len == 0) {
		g_ptr_array_free(tables, TRUE);
		return body;
	}
	/*
	 * A small table of the chrome (a footer's 主办 / 联系电话 grid) is no
	 * part of the form: only tables with text near the largest's count.
	 */
	int most = 0;
	for (guint i = 0; i < tables->len; i++)
		most = MAX(most, counts_of(m, tables->pdata[i])->all);
	lca = NULL;
	for (guint i = 0; i < tables->len; i++) {
		if (counts_of(m, tables->pdata[i])->all * FORM_SHARE < most)
			continue;
		if (lca == NULL)
			lca = tables->pdata[i];
		while (lca != NULL && !ancestor_of(lca, tables->pdata[i]))
			lca = lca->parent;
	}
	g_ptr_array_free(tables, TRUE);
	/* The text beside the form (its title, its notes) lives with it. */
	while (lca != NULL && lca != body && lca->parent != NULL &&
	    !is_cell(lca))
		lca = lca->parent;
	return lca != NULL && lca->type == XML_ELEMENT_NODE ? lca : body;
}

/* ---- text ---- */

/*
 * A line being built from the text nodes of a block, with the white
 * space between them pending: a run of spaces is one space, a run that
 * holds a source line break is a wrap (rejoined by text_join's rules:
 * nothing between CJK characters), and a run of no-break spaces as wide
 * as a column gap splits a borderless line with a TAB.
 */
struct builder {
	GString *line;
	bool space;		/* plain white space pending */
	bool wrap;		/* a source line break in it */
	int hard;		/* no-break spaces in it, U+3000 counting two */
	bool tabs;		/* TAB for a wide gap (not in table cells) */
};

static void
put_word(struct builder *b, const char *w, gsize len)
{
	if (b->line->len > 0) {
		if (b->tabs && b->hard >= TAB_SPACES)
			g_string_append_c(b->line, '\t');
		else if (b->hard > 0 || (b->space && !b->wrap))
			g_string_append_c(b->line, ' ');
		else if (b->wrap) {
			text_join(b->line, w, len);
			b->space = b->wrap = false;
			b->hard = 0;
			return;
		}
	}
	g_string_append_len(b->line, w, (gssize)len);
	b->space = b->wrap = false;
	b->hard = 0;
}

static void
put_text(struct builder *b, const char *s)
{
	const char *p = s, *word = NULL;

	for (; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == 0xA0 || c == 0x3000;
		if (!ws) {
			if (word == NULL)
				word = p;
			continue;
		}
		if (word != NULL) {
			put_word(b, word, (gsize)(p - word));
			word = NULL;
		}
		if (c == 0xA0)
			b->hard++;
		else if (c == 0x3000)
			b->hard += 2;
		else if (c == '\n' || c == '\r')
			b->wrap = true;
		else
			b->space = true;
	}
	if (word != NULL)
		put_word(b, word, (gsize)(p - word));
}

/* Take the line built so far (NULL if blank) and start a new one. */
static char *
take_line(struct builder *b)
{
	char *s = NULL;

	if (b->line->len > 0)
		s = g_strdup(b->line->str);
	g_string_truncate(b->line, 0);
	b->space = b->wrap = false;
	b->hard = 0;
	return s;
}

/* ---- reading the region ---- */

struct reader {
	GHashTable *m;		/* struct counts of each element */
	struct doc *d;
	struct doc_page *page;
	struct builder b;
	GError **error;
	int status;
};

static void flow(struct reader *rd, xmlNode *n, int depth);

static void
end_line(struct reader *rd)
{
	char *s = take_line(&rd->b);

	if (s != NULL)
		doc_add_line(rd->page, s);
	g_free(s);
}

/* A cell's text: its lines and paragraphs rejoined as one paragraph. */
static void
cell_walk(struct builder *b, GString *out, xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH || unseen(n))
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		put_text(b, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	bool brk = is(n, "br") || is_block(n);
	if (brk) {
		char *s = take_line(b);
		if (s != NULL)
			text_join(out, s, strlen(s));
		g_free(s);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		cell_walk(b, out, c, depth + 1);
	if (brk) {
		char *s = take_line(b);
		if (s != NULL)
			text_join(out, s, strlen(s));
		g_free(s);
	}
}

static char *
cell_text(xmlNode *td)
{
	struct builder b = { g_string_new(NULL), false, false, 0, false };
	GString *out = g_string_new(NULL);

	cell_walk(&b, out, td, 0);
	g_string_free(b.line, TRUE);
	return g_string_free(out, FALSE);
}

/* A style property of the cell, as Word and Excel write them. */
static bool
has_style(const xmlNode *n, const char *prop)
{
	char *st = style_of(n);
	bool yes = st != NULL && strstr(st, prop) != NULL;

	g_free(st);
	return yes;
}

/* Word fills a ragged row with borderless placeholder cells: no cells. */
static bool
placeholder(const xmlNode *n)
{
	return has_style(n, "mso-cell-special:placeholder");
}

struct placed {
	int r, c, rs, cs;
	bool overflow;		/* colspan only for text running over */
	char *text;
};

/*
 * A table into the model by the HTML table algorithm: each cell takes the
 * next free slot of its row, rowspan and colspan mark the slots it covers;
 * then split into bands of one column system, as a ruled PDF table is.
 */
static void
read_table(struct reader *rd, xmlNode *t)
{
	GPtrArray *rows = g_ptr_array_new();
	GArray *cells = g_array_new(FALSE, FALSE, sizeof(struct placed));
	GPtrArray *taken = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)g_byte_array_unref);
	int ncols = 0;

	table_rows(t, rows);
	int nr = (int)rows->len;
	for (int r = 0; r < nr; r++)
		g_ptr_array_add(taken, g_byte_array_new());
	for (int r = 0; r < nr && rd->status == SE_OK; r++) {
		int c = 0;
		for (xmlNode *n = ((xmlNode *)rows->pdata[r])->children; n;
		    n = n->next) {
			if (!is_cell(n) || unseen(n) || placeholder(n))
				continue;
			GByteArray *row = taken->pdata[r];
			while ((guint)c < row->len && row->data[c])
				c++;
			struct placed p = { r, c, span_attr(n, "rowspan"),
			    MIN(span_attr(n, "colspan"), MAX_COLSPAN),
			    has_style(n, "mso-ignore:colspan"), NULL };
			/* rowspan=0 runs to the end; no span past the last row. */
			if (p.rs == 0 || p.rs > nr - r)
				p.rs = nr - r;
			if (p.cs < 1)
				p.cs = 1;
			if ((gint64)nr * (c + p.cs) > MAX_SLOTS) {
				g_set_error(rd->error, SE_ERROR, SE_LIMIT,
				    "an HTML table of %d rows by %d columns, "
				    "more than %d cells", nr, c + p.cs,
				    MAX_SLOTS);
				rd->status = SE_LIMIT;
				break;
			}
			for (int i = r; i < r + p.rs; i++) {
				GByteArray *tr = taken->pdata[i];
				static const guint8 zero = 0, one = 1;
				while ((int)tr->len < c + p.cs)
					g_byte_array_append(tr, &zero, 1);
				for (int j = c; j < c + p.cs; j++)
					tr->data[j] = one;
			}
			p.text = cell_text(n);
			g_array_append_val(cells, p);
			c += p.cs;
			ncols = MAX(ncols, c);
		}
	}
	if (rd->status == SE_OK && ncols > 0) {
		struct doc_block *whole = doc_block_table(ncols);
		for (int r = 0; r < nr; r++)
			doc_table_add_row(whole->table);
		for (guint i = 0; i < cells->len; i++) {
			struct placed *p = &g_array_index(cells, struct placed, i);
			/*
			 * Excel's "mso-ignore:colspan" spans a cell only so its
			 * text can run over the empty cells beside it, which stay
			 * cells of their own.
			 */
			doc_table_merge(whole->table, p->r, p->c, p->rs,
			    p->overflow ? 1 : p->cs);
			doc_cell_set(whole->table, p->r, p->c, p->text);
		}
		/*
		 * A row with fewer cells than the grid has no cell there: a
		 * browser draws nothing, a PDF of it no rule. The cell to the
		 * left covers the gap, so it is no column of its own.
		 */
		for (int r = 0; r < nr; r++) {
			GByteArray *tr = taken->pdata[r];
			for (int c = 1; c < ncols; c++)
				if ((guint)c >= tr->len || !tr->data[c])
					doc_cell(whole->table, r, c)->left = true;
		}
		doc_table_bands(whole->table, rd->page->blocks, NULL);
		doc_block_free(whole);
	}
	for (guint i = 0; i < cells->len; i++)
		g_free(g_array_index(cells, struct placed, i).text);
	g_array_free(cells, TRUE);
	g_ptr_array_free(taken, TRUE);
	g_ptr_array_free(rows, TRUE);
}

/* CSS page breaks (Word writes them) make pages, as they do in print. */
static void
page_break(struct reader *rd, const xmlNode *n, const char *where)
{
	char *st = style_of(n);
	char *want = g_strdup_printf("page-break-%s:always", where);

	if (st != NULL && strstr(st, want) != NULL) {
		end_line(rd);
		if (rd->page->blocks->len > 0)
			rd->page = doc_add_page(rd->d);
	}
	g_free(want);
	g_free(st);
}

/* The region's content in reading order: lines and tables. */
static void
flow(struct reader *rd, xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH || unseen(n) || rd->status != SE_OK)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		put_text(&rd->b, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	page_break(rd, n, "before");
	if (is(n, "br")) {
		end_line(rd);
	} else if (is(n, "table") && !has_table(rd->m, n)) {
		end_line(rd);
		if (!link_chrome(rd->m, n)) {
			/* A caption (the form's title, often) stands above. */
			for (xmlNode *c = n->children; c; c = c->next)
				if (is(c, "caption"))
					flow(rd, c, depth + 1);
			read_table(rd, n);
		}
	} else if (is_block(n) || is(n, "table")) {
		/*
		 * A paragraph or a layout table's cell: its own lines. Menus
		 * and breadcrumbs, text that is mostly links, are not the form.
		 */
		end_line(rd);
		if (!link_chrome(rd->m, n) || has_table(rd->m, n))
			for (xmlNode *c = n->children; c; c = c->next)
				flow(rd, c, depth + 1);
		end_line(rd);
	} else {
		for (xmlNode *c = n->children; c; c = c->next)
			flow(rd, c, depth + 1);
	}
	page_break(rd, n, "after");
}

/* The program that wrote the page, as its <meta name="generator"> says. */
static char *
generator(xmlNode *root)
{
	for (xmlNode *h = root->children; h; h = h->next) {
		if (!is(h, "head"))
			continue;
		for (xmlNode *m = h->children; m; m = m->next) {
			xmlChar *name, *content;
			char *found = NULL;
			if (!is(m, "meta"))
				continue;
			name = xmlGetProp(m, (const xmlChar *)"name");
			content = xmlGetProp(m, (const xmlChar *)"content");
			if (name && content && g_ascii_strcasecmp(
			    (const char *)name, "generator") == 0)
				found = text_strip((const char *)content,
				    strlen((const char *)content));
			xmlFree(name);
			xmlFree(content);
			if (found != NULL && found[0] != '\0')
				return found;
			g_free(found);
		}
	}
	return NULL;
}

/* How deep the tree goes, walked without recursion. */
static int
tree_depth(xmlNode *root)
{
	xmlNode *n = root;
	int depth = 0, most = 0;

	while (n != NULL) {
		if (n->children != NULL) {
			n = n->children;
			depth++;
			most = MAX(most, depth);
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == root)
			break;
		n = n->next;
	}
	return most;
}

/* The <td> and <th> tags of a page, counted in its text. */
static gint64
count_cells(const char *s)
{
	gint64 n = 0;

	for (const char *p = strchr(s, '<'); p != NULL; p = strchr(p + 1, '<'))
		if ((p[1] | 0x20) == 't' && ((p[2] | 0x20) == 'd' ||
		    (p[2] | 0x20) == 'h') && (p[3] == '>' ||
		    g_ascii_isspace(p[3])))
			n++;
	return n;
}

int
html_extract(const char *data, gsize len, struct provenance *prov,
    struct doc *d, GError **error)
{
	char *charset = NULL;
	char *s = decode(data, len, &charset);
	htmlDocPtr doc;
	xmlNode *root;
	struct reader rd = { NULL, d, NULL, { NULL, false, false, 0, true },
	    error, SE_OK };
	struct counts all;

	if (s == NULL) {
		g_set_error(error, SE_ERROR, SE_ENCODING,
		    "HTML page in an encoding iconv cannot read (%s)", charset);
		g_free(charset);
		return SE_ENCODING;
	}
	drop_bogus_comments(s);
	/*
	 * A page of more cells than a table may hold is refused before
	 * libxml2 builds its tree (a 99 MB table took 1.9 GB to be refused
	 * after it).
	 */
	gint64 ncells = count_cells(s);
	if (ncells > MAX_SLOTS) {
		g_set_error(error, SE_ERROR, SE_LIMIT, "an HTML page of %"
		    G_GINT64_FORMAT " table cells, more than %d", ncells,
		    MAX_SLOTS);
		g_free(s);
		g_free(charset);
		return SE_LIMIT;
	}
	/*
	 * XML_PARSE_HUGE: old CMS pages leave hundreds of <font> tags
	 * unclosed, past libxml2's usual depth of 256, where it stopped
	 * and the form under them was lost.
	 */
	doc = htmlReadMemory(s, (int)MIN(strlen(s), (size_t)G_MAXINT), NULL,
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | XML_PARSE_HUGE);
	g_free(s);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		g_set_error(error, SE_ERROR, SE_EMPTY,
		    "HTML page without content");
		if (doc)
			xmlFreeDoc(doc);
		g_free(charset);
		return SE_EMPTY;
	}
	/* The readers below recurse; deeper than they go is said, not cut. */
	int depth = tree_depth(root);
	if (depth > MAX_DEPTH) {
		g_set_error(error, SE_ERROR, SE_LIMIT, "HTML elements nested "
		    "%d deep, more than the limit of %d", depth, MAX_DEPTH);
		xmlFreeDoc(doc);
		g_free(charset);
		return SE_LIMIT;
	}
	prov->producer = generator(root);
	rd.m = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    g_free);
	measure(rd.m, root, 0, &all);
	rd.b.line = g_string_new(NULL);
	rd.page = doc_add_page(d);
	flow(&rd, form_region(rd.m, root), 0);
	g_hash_table_destroy(rd.m);
	end_line(&rd);
	g_string_free(rd.b.line, TRUE);
	xmlFreeDoc(doc);
	/* A page break at the very end leaves an empty page: not a page. */
	if (d->pages->len > 1 && rd.page->blocks->len == 0)
		g_ptr_array_remove_index(d->pages, d->pages->len - 1);
	prov->pages = (int)d->pages->len;
	g_free(charset);
	if (rd.status == SE_OK && ((struct doc_page *)d->pages->pdata[0])->
	    blocks->len == 0 && d->pages->len == 1) {
		g_set_error(error, SE_ERROR, SE_EMPTY, "HTML page without text");
		return SE_EMPTY;
	}
	return rd.status;
}
