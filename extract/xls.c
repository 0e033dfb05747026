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

/*
 * An encrypted workbook: its globals' BOF record (BIFF8) is followed by
 * FILEPASS. FreeXL does not say so (it opens such a file into a null
 * handle), so the one record after the BOF is looked at here.
 */
static bool
has_filepass(const char *data, gsize len)
{
	static const char bof[] = "\x09\x08\x10\x00\x00\x06\x05\x00";
	const char *p = memmem(data, len, bof, sizeof bof - 1);

	return p != NULL && (gsize)(p - data) + 22 <= len &&
	    p[20] == 0x2F && p[21] == 0x00;
}

int
xls_extract(const char *path, GBytes *bytes, const struct extract_opts *opts,
    struct provenance *prov, struct doc *d, GPtrArray *warnings,
    GError **error)
{
	const void *h = NULL;
	unsigned int info = 0, nsheets = 0;
	gsize len;
	const char *data = g_bytes_get_data(bytes, &len);
	long cells = 0;
	int rc, status = SE_OK;

	if (has_filepass(data, len)) {
		g_set_error(error, SE_ERROR, SE_ENCRYPTED, "password-protected "
		    "Excel 97-2003 file (selfeval does not decrypt these)");
		return SE_ENCRYPTED;
	}
	rc = freexl_open(path, &h);
	if (rc != FREEXL_OK || h == NULL) {
		if (h != NULL)
			freexl_close(h);
		g_set_error(error, SE_ERROR, SE_FORMAT, "Excel 97-2003 file "
		    "FreeXL cannot open (FreeXL error %d)", rc);
		return SE_FORMAT;
	}
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		freexl_close(h);
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
