/*
 * Ingest workers: processes that extract and parse files while the parent
 * writes the archive (Poppler is not thread-safe, and a file that crashes
 * Poppler then takes only its worker down). The parent sends a path, NUL
 * terminated; the worker answers with frames:
 *
 *   KIND STATUS PAGES SHA256 STAGE LENGTH\n PAYLOAD
 *
 * KIND is R (records: PAYLOAD is parse's JSON Lines), E (failed at STAGE,
 * PAYLOAD the reason), S (skipped: already in the archive) or W (a
 * warning about the file, PAYLOAD its text; a final frame follows).
 */
#ifndef SE_WORKER_H
#define SE_WORKER_H

#include <glib.h>
#include <stdbool.h>

#include "extract.h"

struct parser;

struct worker_opts {
	struct parser *P;
	struct extract_opts xo;
	GHashTable *loaded;	/* SHA-256s already in the archive */
	bool force;		/* reload those too */
};

struct frame {
	char kind;
	int status, pages;
	char sha[65];		/* "" when unknown */
	char stage[16];
	char *payload;		/* NUL-terminated, owned */
	size_t len;
};

/* Serve jobs from fd in, answer on fd out, until in is closed. */
void worker_loop(int in, int out, const struct worker_opts *o);

/* Take one complete frame off the front of buf; false if none yet. */
bool frame_take(GString *buf, struct frame *f);

#endif
