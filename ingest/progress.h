/*
 * The ingest progress bar: on a terminal, one line on stderr redrawn in
 * place (files done of total, pages/s, ETA, failures so far); elsewhere
 * nothing. Messages about files are printed above it.
 */
#ifndef SE_PROGRESS_H
#define SE_PROGRESS_H

#include <glib.h>
#include <stdbool.h>

struct progress {
	bool tty;
	gint64 start, drawn;	/* monotonic microseconds */
	int total, done, failed, skipped, reports;
	long pages;
};

void progress_init(struct progress *p, int total, bool quiet);
/* Redraw if a fifth of a second has passed (or always when force). */
void progress_draw(struct progress *p, bool force);
/* A one-line message for a file, above the bar. */
void progress_say(struct progress *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Clear the bar for good. */
void progress_done(struct progress *p);
/* Seconds since progress_init. */
double progress_elapsed(const struct progress *p);

#endif
