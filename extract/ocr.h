/*
 * Scanned pages read through OCR (Tesseract's C API), the lattice way:
 * the page image is cleaned (scan.h), its ruling lines found (lattice.h),
 * the table grid built from them as for born-digital pages (grid.c), and
 * every cell read on its own, its rules taken out first, with a
 * confidence beside its text. Text outside the tables is read as lines.
 *
 * Tesseract is started once per engine, on the first page that needs it,
 * with one thread: workers are processes (see tess.c and ompserial.c).
 */
#ifndef SE_OCR_H
#define SE_OCR_H

#include <glib.h>
#include <stdbool.h>

struct Pix;
struct doc_page;
struct ocr_engine;

/* What OCR read, for the provenance header: see ocr_json. */
struct ocr_report {
	GArray *pages;		/* int: pages read through OCR */
	GArray *turns;		/* int: quarter turns clockwise each was read at */
	double conf_sum;	/* over every symbol read */
	long conf_n;
	GPtrArray *notes;	/* struct ocr_note * */
};

/*
 * A cell worth a second look: read below the confidence threshold, or a
 * number Tesseract offered other readings of (load lets the form's sums
 * pick among them). row holds the texts of the cells of its table row,
 * left to right, so load can find the record item without geometry; col
 * is this cell's index in row.
 */
struct ocr_note {
	int page;
	GPtrArray *row;		/* char * */
	int col;
	double conf;		/* the weakest character's, 0..100 */
	bool doubtful;		/* below the threshold */
	bool line;		/* a line of text outside the tables, alone in row */
	GPtrArray *alts;	/* char *: other readings, likeliest first */
	char *term;		/* a printed term one character from it, or NULL */
	char *read;		/* what OCR read, where the term was taken for it */
};

struct ocr_engine *ocr_engine_new(void);
void ocr_engine_free(struct ocr_engine *e);

void ocr_report_init(struct ocr_report *r);
void ocr_report_clear(struct ocr_report *r);
/* The report as JSON (pages, confidence, cells), or NULL if nothing was read. */
char *ocr_json(const struct ocr_report *r);

/*
 * Read page no from img (any depth) at dpi. On success *out is the page's
 * layout and the report has its notes. Fails with SE_NOTEXT when the
 * language data is missing (the message names the package).
 */
int ocr_page(struct ocr_engine *e, struct Pix *img, double dpi, int no,
    const char *grid_png_dir, struct doc_page **out,
    struct ocr_report *rep, GError **error);

#endif
