/*
 * The XLS reader (Excel 97-2003 BIFF, also WPS .et saved in it), through
 * FreeXL: each sheet a page, its cells a table of the model. FreeXL gives
 * a cell's value (text, integer, double, or a date it recognised from the
 * cell's format, as "YYYY-MM-DD"), not the cell's number format, merged
 * ranges or hidden rows: what that loses is in the README.
 */
#include <freexl.h>
#include <string.h>

#include "numfmt.h"
#include "office.h"
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

static int
read_sheet(const void *h, unsigned short i, const struct extract_opts *opts,
    long *cells, struct doc_page *pg, GError **error)
{
	unsigned int rows;
	unsigned short cols;
	const char *name = NULL;
	struct doc_block *whole;
	int rc;

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
	if (rows == 0 || cols == 0)
		return SE_OK;
	whole = doc_block_table(cols);
	for (unsigned int r = 0; r < rows; r++) {
		int k = doc_table_add_row(whole->table);
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			if ((rc = freexl_get_cell_value(h, r, c, &v)) !=
			    FREEXL_OK) {
				doc_block_free(whole);
				return freexl_status(rc, "a cell is unreadable",
				    error);
			}
			char *t = cell_text(&v);
			if (*t)
				doc_cell_set(whole->table, k, c, t);
			g_free(t);
		}
	}
	doc_table_bands(whole->table, pg->blocks, NULL);
	doc_block_free(whole);
	return SE_OK;
}

int
xls_extract(const char *path, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	const void *h = NULL;
	unsigned int info = 0, nsheets = 0;
	long cells = 0;
	int rc, status = SE_OK;

	(void)warnings;
	/* Whether it is password-protected, before reading its cells. */
	rc = freexl_open_info(path, &h);
	if (rc == FREEXL_OK)
		rc = freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info);
	freexl_close(h);
	h = NULL;
	if (rc == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
		g_set_error(error, SE_ERROR, SE_ENCRYPTED, "password-protected "
		    "Excel 97-2003 file (selfeval does not decrypt these)");
		return SE_ENCRYPTED;
	}
	if (rc != FREEXL_OK || (rc = freexl_open(path, &h)) != FREEXL_OK) {
		freexl_close(h);
		return freexl_status(rc, "cannot open", error);
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
		status = read_sheet(h, (unsigned short)i, opts, &cells,
		    doc_add_page(d), error);
	if (status == SE_OK && d->pages->len == 0) {
		g_set_error(error, SE_ERROR, SE_NOTEXT,
		    "workbook without a sheet");
		status = SE_NOTEXT;
	}
	prov->pages = (int)d->pages->len;
	freexl_close(h);
	return status;
}
