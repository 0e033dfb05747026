/*
 * extract: a PDF or text file to UTF-8 text.
 *
 * The output is one provenance header line (see common/provenance.h), then
 * the text of each page, pages separated by form feeds. extract owns all
 * formats and geometry: detect.h tells what the bytes are, one reader per
 * format fills the document model (model.h), page passes clean it up, and
 * one writer (writer.c) prints it: table rows one line each, cells
 * separated by TAB, so parse never needs coordinates or formats.
 */
#ifndef SE_EXTRACT_H
#define SE_EXTRACT_H

#include <glib.h>
#include <stdbool.h>

/*
 * Cells a workbook may have (all sheets, blank ones included) before it
 * is refused: a form has a few thousand, and a sheet of a million would
 * cost a worker hundreds of MiB.
 */
#define EXTRACT_MAX_CELLS 500000L

struct extract_opts {
	const char *password;		/* for encrypted PDFs, or NULL */
	const char *grid_png_dir;	/* draw detected grids here, or NULL */
	gint64 max_bytes;		/* refuse larger files; 0: no bound */
	int max_pages;			/* refuse longer PDFs; 0: no bound */
	double max_seconds;		/* give up after this long; 0: no bound */
	long max_cells;			/* refuse larger workbooks; 0: no bound */
	enum ocr_mode {
		OCR_AUTO,		/* the pages without usable text */
		OCR_ALWAYS,		/* every page, its text layer ignored */
		OCR_NEVER,		/* none: such pages are refused or skipped */
	} ocr;
	/*
	 * Tesseract, started on the first page that needs it and kept for
	 * the next files (ocr_engine_new). NULL: one per file.
	 */
	struct ocr_engine *engine;
	/*
	 * Poppler's global tables (glyph names, encodings), kept built for
	 * the next files (pdf_keeper_new, pdf.h). NULL: built per file.
	 */
	struct pdf_keeper *keeper;
};

/* "auto", "always", "never" to a mode; false if none of them. */
bool extract_ocr_mode(const char *s, enum ocr_mode *mode);

/*
 * Read path and append header and text to out. sha is the file's SHA-256
 * (hex) when the caller has it already, else NULL. Returns SE_OK, or a status
 * from common/status.h with error set to a one-line reason (without the
 * file name: the caller names the file). warnings, if not NULL, receives
 * non-fatal notes (char *) such as pages without text.
 */
int extract_file(const char *path, const char *sha,
    const struct extract_opts *opts, GString *out, GPtrArray *warnings,
    GError **error);

#endif
