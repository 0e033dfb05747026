/*
 * Where a text came from. extract writes it as the first line of its output
 * ("#selfeval-extract {json}") so that provenance survives a pipe; parse
 * reads it back and copies it into every record it emits.
 */
#ifndef SE_PROVENANCE_H
#define SE_PROVENANCE_H

#include <glib.h>
#include <stdbool.h>

#define PROV_MAGIC "#selfeval-extract "

struct provenance {
	char *path;
	char *sha256;		/* hex */
	gint64 bytes;
	int pages;
	char *producer;		/* PDF Producer, NULL for text files */
	GPtrArray *warnings;	/* char *: what extract could not read, or NULL */
	char *ocr;		/* JSON: what OCR read and doubted (extract/ocr.h), or NULL */
};

/* Fill path, sha256 (sha if known, else computed) and bytes from a file's contents. */
void prov_from_data(struct provenance *p, const char *path, const char *sha,
    const void *data, size_t len);

/* Append the header line, newline included. */
void prov_write(GString *out, const struct provenance *p);

/* Write the provenance as a JSON object under key (see jsonw.h). */
struct jw;
void prov_json(struct jw *w, const char *key, const struct provenance *p);

/*
 * Read a header line (without its newline). Returns false, with error set,
 * when the line starts with the magic but its JSON is broken.
 */
bool prov_read(const char *line, size_t len, struct provenance *p,
    GError **error);

bool prov_is_header(const char *text, size_t len);

void prov_clear(struct provenance *p);

#endif
