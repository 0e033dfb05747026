#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <string.h>

#include "biff.h"
#include "numfmt.h"
#include "status.h"

/* The records read ([MS-XLS] 2.3). */
enum {
	R_FORMULA = 0x0006,
	R_EOF = 0x000A,
	R_DATEMODE = 0x0022,
	R_FILEPASS = 0x002F,
	R_COLINFO = 0x007D,
	R_BOUNDSHEET = 0x0085,
	R_MULRK = 0x00BD,
	R_XF = 0x00E0,
	R_MERGEDCELLS = 0x00E5,
	R_LABELSST = 0x00FD,
	R_BLANK = 0x0201,
	R_NUMBER = 0x0203,
	R_LABEL = 0x0204,
	R_BOOLERR = 0x0205,
	R_STRING = 0x0207,
	R_ROW = 0x0208,
	R_RK = 0x027E,
	R_FORMAT = 0x041E,
	R_BOF = 0x0809,
};

static unsigned
u16(const guint8 *p)
{
	return p[0] | p[1] << 8;
}

static guint32
u32(const guint8 *p)
{
	return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 |
	    (guint32)p[3] << 24;
}

static double
f64(const guint8 *p)
{
	guint64 bits = (guint64)u32(p) | (guint64)u32(p + 4) << 32;
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

/* An RK number: an integer or the high half of a double, maybe ÷100. */
static double
rk(guint32 v)
{
	double d;

	if (v & 2)
		d = (double)((gint32)v >> 2);
	else {
		guint64 bits = (guint64)(v & 0xFFFFFFFCu) << 32;
		memcpy(&d, &bits, sizeof d);
	}
	return v & 1 ? d / 100 : d;
}

/*
 * An XLUnicodeString of n characters at p (flags byte first), within
 * [p, end); NULL if it does not fit. Rich-text and phonetic headers are
 * stepped over; their runs after the text are not needed.
 */
static char *
ustring(const guint8 *p, const guint8 *end, unsigned n)
{
	unsigned flags;
	gunichar2 *w;
	char *s;

	if (p >= end)
		return NULL;
	flags = *p++;
	if (flags & 0x08)
		p += 2;		/* cRun */
	if (flags & 0x04)
		p += 4;		/* cbExtRst */
	if (p > end || (gsize)(end - p) < (flags & 1 ? 2u * n : n))
		return NULL;
	w = g_new(gunichar2, n + 1);
	for (unsigned i = 0; i < n; i++)
		w[i] = flags & 1 ? u16(p + 2 * i) : p[i];
	s = g_utf16_to_utf8(w, n, NULL, NULL, NULL);
	g_free(w);
	return s;
}

static void
cell_free(gpointer p)
{
	struct biff_cell *c = p;

	g_free(c->str);
	g_free(c);
}

static struct biff_cell *
cell_at(struct biff_sheet *s, unsigned row, unsigned col, unsigned xf)
{
	gpointer key = GUINT_TO_POINTER(row << 16 | (col & 0xFFFF));
	struct biff_cell *c = g_hash_table_lookup(s->cells, key);

	if (c == NULL) {
		c = g_new0(struct biff_cell, 1);
		g_hash_table_insert(s->cells, key, c);
	}
	c->xf = (int)xf;
	return c;
}

static void
sheet_free(gpointer p)
{
	struct biff_sheet *s = p;

	g_free(s->name);
	g_hash_table_destroy(s->cells);
	g_array_free(s->merges, TRUE);
	g_hash_table_destroy(s->hidden_rows);
	g_hash_table_destroy(s->hidden_cols);
	g_free(s);
}

/* The records of one sheet's substream, from its BOF to its EOF. */
static void
read_sheet(struct biff_sheet *s, const guint8 *data, gsize len, gsize pos)
{
	struct biff_cell *pending = NULL;	/* a formula awaiting STRING */

	while (pos + 4 <= len) {
		unsigned type = u16(data + pos), n = u16(data + pos + 2);
		const guint8 *p = data + pos + 4, *end = p + n;
		if (pos + 4 + n > len)
			break;
		pos += 4 + n;
		if (type == R_EOF)
			break;
		switch (type) {
		case R_NUMBER:
			if (n >= 14) {
				struct biff_cell *c = cell_at(s, u16(p), u16(p + 2),
				    u16(p + 4));
				c->has_num = true;
				c->num = f64(p + 6);
			}
			break;
		case R_RK:
			if (n >= 10) {
				struct biff_cell *c = cell_at(s, u16(p), u16(p + 2),
				    u16(p + 4));
				c->has_num = true;
				c->num = rk(u32(p + 6));
			}
			break;
		case R_MULRK:
			if (n >= 6) {
				unsigned row = u16(p), col = u16(p + 2);
				for (const guint8 *q = p + 4; q + 6 <= end - 2;
				    q += 6, col++) {
					struct biff_cell *c = cell_at(s, row, col,
					    u16(q));
					c->has_num = true;
					c->num = rk(u32(q + 2));
				}
			}
			break;
		case R_LABELSST:
		case R_LABEL:
		case R_BLANK:
		case R_BOOLERR:
			if (n >= 6)
				cell_at(s, u16(p), u16(p + 2), u16(p + 4));
			break;
		case R_FORMULA:
			if (n >= 14) {
				struct biff_cell *c = cell_at(s, u16(p), u16(p + 2),
				    u16(p + 4));
				pending = NULL;
				if (u16(p + 12) != 0xFFFF) {
					c->has_num = true;
					c->num = f64(p + 6);
				} else if (p[6] == 0)
					pending = c;	/* text in a STRING next */
				else if (p[6] == 1)
					c->str = g_strdup(p[8] ? "TRUE" : "FALSE");
				else if (p[6] == 3)
					c->str = g_strdup("");
			}
			break;
		case R_STRING:
			if (pending != NULL && n >= 3) {
				g_free(pending->str);
				pending->str = ustring(p + 2, end, u16(p));
				pending = NULL;
			}
			break;
		case R_MERGEDCELLS:
			for (unsigned i = 0; n >= 2 && i < u16(p) &&
			    p + 2 + 8 * (i + 1) <= end; i++) {
				const guint8 *r = p + 2 + 8 * i;
				int m[4] = { (int)u16(r), (int)u16(r + 4),
				    (int)u16(r + 2), (int)u16(r + 6) };
				if (m[2] >= m[0] && m[3] >= m[1])
					g_array_append_vals(s->merges, m, 4);
			}
			break;
		case R_ROW:
			if (n >= 16 && (p[12] & 0x20))
				g_hash_table_add(s->hidden_rows,
				    GUINT_TO_POINTER(u16(p) + 1));
			break;
		case R_COLINFO:
			if (n >= 10 && (u16(p + 8) & 1))
				for (unsigned c = u16(p); c <= u16(p + 2) &&
				    c < 256; c++)
					g_hash_table_add(s->hidden_cols,
					    GUINT_TO_POINTER(c + 1));
			break;
		default:
			break;
		}
	}
}

/* The Workbook stream of the compound file, or NULL. */
static guint8 *
workbook_stream(GBytes *bytes, gsize *len, GError **error)
{
	gsize n;
	const guint8 *data = g_bytes_get_data(bytes, &n);
	GsfInput *mem = gsf_input_memory_new(data, (gsf_off_t)n, FALSE);
	GsfInfile *ole;
	GsfInput *wb = NULL;
	guint8 *buf = NULL;
	GError *gerr = NULL;

	ole = gsf_infile_msole_new(mem, &gerr);
	if (ole != NULL) {
		wb = gsf_infile_child_by_name(ole, "Workbook");
		if (wb == NULL)
			wb = gsf_infile_child_by_name(ole, "Book");
	}
	if (wb != NULL) {
		gsf_off_t size = gsf_input_size(wb);
		if (size > 0 && (guint64)size <= n * 2 + 65536) {
			buf = g_malloc((gsize)size);
			if (gsf_input_read(wb, (size_t)size, buf) == NULL) {
				g_free(buf);
				buf = NULL;
			} else
				*len = (gsize)size;
		}
		g_object_unref(wb);
	}
	if (buf == NULL)
		g_set_error(error, SE_ERROR, SE_DAMAGED, "no readable Workbook "
		    "stream%s%s", gerr ? ": " : "", gerr ? gerr->message : "");
	g_clear_error(&gerr);
	if (ole != NULL)
		g_object_unref(ole);
	g_object_unref(mem);
	return buf;
}

struct biff *
biff_read(GBytes *bytes, GError **error)
{
	gsize len = 0, pos = 0;
	guint8 *data = workbook_stream(bytes, &len, error);
	struct biff *b;
	GArray *sheet_pos;

	if (data == NULL)
		return NULL;
	if (len < 8 || u16(data) != R_BOF || u16(data + 4) != 0x0600) {
		g_set_error(error, SE_ERROR, SE_FORMAT, "not a BIFF8 workbook");
		g_free(data);
		return NULL;
	}
	b = g_new0(struct biff, 1);
	b->xf_fmt = g_ptr_array_new();
	b->fmts = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	b->sheets = g_ptr_array_new_with_free_func(sheet_free);
	sheet_pos = g_array_new(FALSE, FALSE, sizeof(guint32));
	/* The globals substream: formats, XFs, the sheets and their offsets. */
	while (pos + 4 <= len) {
		unsigned type = u16(data + pos), n = u16(data + pos + 2);
		const guint8 *p = data + pos + 4, *end = p + n;
		if (pos + 4 + n > len)
			break;
		pos += 4 + n;
		if (type == R_EOF)
			break;
		if (type == R_FILEPASS) {
			b->encrypted = true;
			break;		/* what follows is not plain */
		} else if (type == R_DATEMODE && n >= 2)
			b->date1904 = u16(p) == 1;
		else if (type == R_FORMAT && n >= 5) {
			char *code = ustring(p + 4, end, u16(p + 2));
			if (code != NULL)
				g_hash_table_replace(b->fmts,
				    GUINT_TO_POINTER(u16(p)), code);
		} else if (type == R_XF && n >= 4) {
			unsigned ifmt = u16(p + 2);
			const char *code = g_hash_table_lookup(b->fmts,
			    GUINT_TO_POINTER(ifmt));
			g_ptr_array_add(b->xf_fmt, (gpointer)(code ? code :
			    numfmt_builtin((int)ifmt)));
		} else if (type == R_BOUNDSHEET && n >= 8 && p[5] == 0) {
			/* a worksheet (not a chart or macro sheet) */
			struct biff_sheet *s = g_new0(struct biff_sheet, 1);
			guint32 at = u32(p);
			s->name = ustring(p + 7, end, p[6]);
			s->cells = g_hash_table_new_full(NULL, NULL, NULL,
			    cell_free);
			s->merges = g_array_new(FALSE, FALSE, sizeof(int));
			s->hidden_rows = g_hash_table_new(NULL, NULL);
			s->hidden_cols = g_hash_table_new(NULL, NULL);
			g_ptr_array_add(b->sheets, s);
			g_array_append_val(sheet_pos, at);
		}
	}
	for (guint i = 0; !b->encrypted && i < b->sheets->len; i++) {
		guint32 at = g_array_index(sheet_pos, guint32, i);
		if ((gsize)at + 4 <= len && u16(data + at) == R_BOF)
			read_sheet(b->sheets->pdata[i], data, len, at);
	}
	g_array_free(sheet_pos, TRUE);
	g_free(data);
	return b;
}

void
biff_free(struct biff *b)
{
	if (b == NULL)
		return;
	g_ptr_array_free(b->xf_fmt, TRUE);
	g_hash_table_destroy(b->fmts);
	g_ptr_array_free(b->sheets, TRUE);
	g_free(b);
}

const struct biff_cell *
biff_cell(const struct biff_sheet *s, int row, int col)
{
	return g_hash_table_lookup(s->cells,
	    GUINT_TO_POINTER((guint)row << 16 | ((guint)col & 0xFFFF)));
}

const char *
biff_format(const struct biff *b, int xf)
{
	return xf >= 0 && (guint)xf < b->xf_fmt->len ? b->xf_fmt->pdata[xf] :
	    NULL;
}
