/*
 * What an XLS says about its cells beyond their values, which FreeXL does
 * not give: each cell's number format, formula results, merged ranges,
 * hidden rows and columns, the date system, and whether it is encrypted.
 * libgsf opens the OLE2 compound file; this walks the BIFF8 records of its
 * Workbook stream (a record is a type, a length and its bytes: [MS-XLS]
 * 2.1.4), reading only the ones named in biff.c. Cell text stays FreeXL's
 * (the shared string table, its continuations and code pages).
 */
#ifndef SE_BIFF_H
#define SE_BIFF_H

#include <glib.h>
#include <stdbool.h>

struct biff_cell {
	int xf;			/* index into the workbook's XF records */
	bool has_num;		/* num holds the number the record stores */
	double num;		/* NUMBER, RK, or a formula's cached number */
	char *str;		/* a formula's cached text, or NULL */
};

struct biff_sheet {
	char *name;
	GHashTable *cells;	/* (row << 16 | col) → struct biff_cell */
	GArray *merges;		/* int[4] per range: r1 c1 r2 c2 */
	GHashTable *hidden_rows;	/* row + 1 */
	GHashTable *hidden_cols;	/* col + 1 */
};

struct biff {
	bool encrypted;		/* FILEPASS: the records after it are not plain */
	bool date1904;
	GPtrArray *xf_fmt;	/* const char *: format code per XF, NULL General */
	GHashTable *fmts;	/* ifmt → char * (the file's FORMAT records) */
	GPtrArray *sheets;	/* struct biff_sheet *, worksheets in order */
};

/*
 * Read the records of an XLS held in bytes. NULL, with error set, when it
 * is no BIFF8 workbook libgsf can open (the caller reads values only).
 */
struct biff *biff_read(GBytes *bytes, GError **error);
void biff_free(struct biff *b);

/* The record of the cell at (row, col) of a sheet, or NULL. */
const struct biff_cell *biff_cell(const struct biff_sheet *s, int row,
    int col);

/* The format code of XF index xf, or NULL for General. */
const char *biff_format(const struct biff *b, int xf);

#endif
