/*
 * UTF-8 text helpers shared by extract (rejoining wrapped cell lines) and
 * parse (rejoining wrapped narrative lines): both must agree on what a
 * wrap looks like, or a table row and its plain-text rendering would read
 * differently.
 */
#ifndef SE_TEXT_H
#define SE_TEXT_H

#include <glib.h>
#include <stdbool.h>

/* Han ideographs, CJK punctuation, kana and full-width forms. */
bool text_is_cjk(gunichar c);

/* Columns a string takes in a monospaced rendering: wide characters 2. */
size_t text_width(const char *s, size_t len);

/*
 * Append a wrapped continuation line to out: nothing between the pieces
 * unless both sides of the break are Latin letters, which get one space.
 * Leading and trailing white space of the piece is dropped.
 */
void text_join(GString *out, const char *piece, size_t len);

/* Trim ASCII and ideographic white space in place; returns s. */
char *text_trim(char *s);

/* A copy of [s, s+len) trimmed of white space. */
char *text_strip(const char *s, size_t len);

/* Replace full-width digits, letters and ASCII punctuation by ASCII. */
char *text_halfwidth(const char *s);

/* Compare two strings held in a GPtrArray (g_ptr_array_sort's argument). */
gint text_cmp_ptr(gconstpointer a, gconstpointer b);

/* True when s is NULL or holds only white space. */
bool text_blank(const char *s);

/*
 * The lines of a data file compiled into the binary (parse/units.txt,
 * extract/terms.txt, extract/words.txt) that say something: trimmed,
 * neither blank nor a comment ("#..."). A NULL-ended vector to
 * g_strfreev.
 */
char **text_data_lines(const char *text);

#endif
