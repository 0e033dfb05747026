/*
 * parse: the text extract produced (or any plain rendering of a form) to
 * JSON Lines, one object per report found, values as written.
 */
#ifndef SE_PARSE_H
#define SE_PARSE_H

#include <glib.h>

struct parser;

/*
 * What parse refuses (SE_LIMIT) rather than spend time or memory on: no
 * form has lines, rows or pages near these.
 */
#define PARSE_MAX_LINE 65536		/* bytes in one line */
#define PARSE_MAX_LINES 200000		/* lines in one extract */
#define PARSE_MAX_CELLS 256		/* cells (TAB-separated) in one row */

/* Templates from dir, or the built-in ones when dir is NULL. */
struct parser *parser_new(const char *template_dir, GError **error);
void parser_free(struct parser *p);

/*
 * Parse text (extract's output: provenance header line, pages separated
 * by form feeds; a text without the header is taken as it is, named
 * `name`) and append one JSON line per report to out. Returns SE_OK and
 * the number of reports, or with error set SE_NOFORM, SE_ENCODING (not
 * UTF-8), SE_RECORD (a broken header line) or SE_LIMIT (see above).
 */
int parser_run(struct parser *p, const char *name, const char *text,
    size_t len, GString *out, int *nreports, GError **error);

/* Print the known families, one per line ("name<TAB>description"). */
void parser_list_templates(struct parser *p, GString *out);

#endif
