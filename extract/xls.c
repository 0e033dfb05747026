/*
 * The XLS reader (Excel 97-2003 BIFF8, also WPS .et saved in it): each
 * sheet a page, its cells a table of the model. FreeXL gives each cell's
 * value (the shared strings, their code pages); biff.c gives what FreeXL
 * does not: the number format of each cell (so a value shows as the sheet
 * shows it), formula results, merged ranges, hidden rows and columns.
 */
#include <freexl.h>
#include <string.h>

#include "biff.h"
#include "numfmt.h"
#include "ole.h"
#include "office.h"
#include "sheet.h"
#include "status.h"
#include "text.h"

static int
freexl_status(int rc, const char *what, GError **error)
{
	int status = rc == FREEXL_INSUFFICIENT_MEMORY ? SE_LIMIT : SE_DAMAGED;

	g_set_error(error, SE_ERROR, status, "damaged Excel 97-2003 file: %s "
	    "(FreeXL error %d)", what, rc);
	return status;
}

/* A cell's text as one paragraph: its line breaks are wraps. */
static char *
cell_text(const FreeXL_CellValue *v)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		return g_strdup_printf("%d", v->value.int_value);
	case FREEXL_CELL_DOUBLE:
		/* The format is not known: Excel's General. */
		return numfmt_format(v->value.double_value, NULL, false);
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME: {
		const char *s = v->value.text_value ? v->value.text_value : "";
		GString *out;
		char **lines;
		if (strpbrk(s, "\r\n") == NULL)
			return g_strdup(s);
		out = g_string_new(NULL);
		lines = g_strsplit_set(s, "\r\n", -1);
		for (char **l = lines; *l; l++)
			text_join(out, *l, strlen(*l));
		g_strfreev(lines);
		return g_string_free(out, FALSE);
	}
	default:
		return g_strdup("");
	}
}

/* The text of cell (r, c): FreeXL's value, shown by the cell's format. */
static char *
shown(const FreeXL_CellValue *v, const struct biff *b,
    const struct biff_sheet *bs, int r, int c)
{
	const struct biff_cell *bc = bs ? biff_cell(bs, r, c) : NULL;

	if (bc != NULL && bc->str != NULL &&
	    (v->type == FREEXL_CELL_NULL || v->type == FREEXL_CELL_TEXT))
		return g_strdup(bc->str);	/* a formula's text */
	if (bc != NULL && bc->has_num && (v->type == FREEXL_CELL_NULL ||
	    v->type == FREEXL_CELL_INT || v->type == FREEXL_CELL_DOUBLE ||
	    v->type == FREEXL_CELL_DATE || v->type == FREEXL_CELL_DATETIME ||
	    v->type == FREEXL_CELL_TIME))
		return numfmt_format(bc->num, biff_format(b, bc->xf),
		    b->date1904);
	return cell_text(v);
}

/* Indexes 0..n-1 not in hidden (which holds index + 1). */
static GArray *
visible(unsigned n, GHashTable *hidden)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(int));

	for (unsigned i = 0; i < n; i++)
		if (hidden == NULL ||
		    !g_hash_table_contains(hidden, GUINT_TO_POINTER(i + 1))) {
			int x = (int)i;
			g_array_append_val(v, x);
		}
	return v;
}


static int
read_sheet(const void *h, unsigned short i, const struct extract_opts *opts,
    const struct biff *b, long *cells, struct doc_page *pg, GError **error)
{
	unsigned int rows;
	unsigned short cols;
	const char *name = NULL;
	const struct biff_sheet *bs = NULL;
	struct doc_block *whole;
	GArray *rv, *cv;
	int rc, status = SE_OK;

	if ((rc = freexl_select_active_worksheet(h, i)) != FREEXL_OK)
		return freexl_status(rc, "a sheet cannot be selected", error);
	if ((rc = freexl_worksheet_dimensions(h, &rows, &cols)) != FREEXL_OK)
		return freexl_status(rc, "no sheet dimensions", error);
	freexl_get_worksheet_name(h, i, &name);
	*cells += (long)rows * cols;
	if (opts->max_cells > 0 && *cells > opts->max_cells) {
		g_set_error(error, SE_ERROR, SE_LIMIT,
		    "more than %ld cells (sheet %s; --max-cells)",
		    opts->max_cells, name ? name : "?");
		return SE_LIMIT;
	}
	/* biff.c's sheets are FreeXL's, in the same order by the same names. */
	if (b != NULL && i < b->sheets->len) {
		bs = b->sheets->pdata[i];
		if (name == NULL || bs->name == NULL || strcmp(name, bs->name))
			bs = NULL;
	}
	rv = visible(rows, bs ? bs->hidden_rows : NULL);
	cv = visible(cols, bs ? bs->hidden_cols : NULL);
	if (rv->len == 0 || cv->len == 0) {
		g_array_free(rv, TRUE);
		g_array_free(cv, TRUE);
		return SE_OK;
	}
	whole = doc_block_table((int)cv->len);
	for (guint k = 0; k < rv->len && status == SE_OK; k++) {
		int r = g_array_index(rv, int, k);
		doc_table_add_row(whole->table);
		for (guint j = 0; j < cv->len; j++) {
			int c = g_array_index(cv, int, j);
			FreeXL_CellValue v;
			if ((rc = freexl_get_cell_value(h, (unsigned)r,
			    (unsigned short)c, &v)) != FREEXL_OK) {
				status = freexl_status(rc, "a cell is unreadable",
				    error);
				break;
			}
			char *t = shown(&v, b, bs, r, c);
			if (*t)
				doc_cell_set(whole->table, (int)k, (int)j, t);
			g_free(t);
		}
	}
	if (status == SE_OK && bs)
		sheet_merges(whole->table, rv, cv, bs->merges);
	if (status == SE_OK)
		doc_table_bands(whole->table, pg->blocks, NULL);
	doc_block_free(whole);
	g_array_free(rv, TRUE);
	g_array_free(cv, TRUE);
	return status;
}

int
xls_extract(const char *path, GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	const void *h = NULL;
	unsigned int info = 0, nsheets = 0;
	long cells = 0;
	int rc, status = SE_OK;
	GError *berr = NULL;
	struct biff *b = biff_read(bytes, &berr);

	/* FreeXL opens an encrypted file into nothing: the FILEPASS says. */
	if (b != NULL && b->encrypted) {
		biff_free(b);
		g_set_error(error, SE_ERROR, SE_ENCRYPTED, "password-protected "
		    "Excel 97-2003 file (selfeval does not decrypt these)");
		return SE_ENCRYPTED;
	}
	if (b == NULL && warnings != NULL)
		g_ptr_array_add(warnings, g_strdup_printf("number formats, "
		    "merges and hidden rows not read (%s): values as stored",
		    berr->message));
	g_clear_error(&berr);
	rc = freexl_open(path, &h);
	if (rc != FREEXL_OK || h == NULL) {
		if (h != NULL)
			freexl_close(h);
		g_set_error(error, SE_ERROR, SE_FORMAT, "Excel 97-2003 file "
		    "FreeXL cannot open (FreeXL error %d)", rc);
		biff_free(b);
		return SE_FORMAT;
	}
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		freexl_close(h);
		biff_free(b);
		g_set_error(error, SE_ERROR, SE_ENCRYPTED, "password-protected "
		    "Excel 97-2003 file (selfeval does not decrypt these)");
		return SE_ENCRYPTED;
	}
	if (warnings != NULL &&
	    freexl_get_info(h, FREEXL_BIFF_VERSION, &info) == FREEXL_OK &&
	    info != FREEXL_BIFF_VER_8 && info != FREEXL_BIFF_VER_5 &&
	    info != FREEXL_UNKNOWN)
		g_ptr_array_add(warnings, g_strdup_printf("Excel BIFF%u file: "
		    "read as far as FreeXL does", info));
	if ((rc = freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets)) !=
	    FREEXL_OK)
		status = freexl_status(rc, "no sheet count", error);
	for (unsigned int i = 0; status == SE_OK && i < nsheets; i++)
		status = read_sheet(h, (unsigned short)i, opts, b, &cells,
		    doc_add_page(d), error);
	if (status == SE_OK && d->pages->len == 0) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "workbook without a sheet");
		status = SE_NOTEXT;
	}
	prov->pages = (int)d->pages->len;
	prov->producer = ole_producer(bytes);
	freexl_close(h);
	biff_free(b);
	return status;
}
