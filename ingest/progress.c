#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

#define WIDTH 24

void
progress_init(struct progress *p, int total, bool quiet)
{
	*p = (struct progress){ 0 };
	p->tty = !quiet && isatty(STDERR_FILENO);
	p->total = total;
	p->start = g_get_monotonic_time();
}

double
progress_elapsed(const struct progress *p)
{
	return (g_get_monotonic_time() - p->start) / 1e6;
}

static void
clear(struct progress *p)
{
	if (p->tty && p->drawn)
		fputs("\r\033[K", stderr);
}

void
progress_draw(struct progress *p, bool force)
{
	gint64 now = g_get_monotonic_time();
	double t = (now - p->start) / 1e6;
	int fill = p->total ? WIDTH * p->done / p->total : WIDTH;
	char bar[WIDTH + 1], eta[32] = "--:--";

	if (!p->tty || (!force && now - p->drawn < 200000))
		return;
	for (int i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	if (p->done > 0 && p->done < p->total) {
		int left = (int)(t / p->done * (p->total - p->done));
		g_snprintf(eta, sizeof eta, "%d:%02d", left / 60, left % 60);
	}
	fprintf(stderr, "\r\033[K[%s] %d/%d files  %.1f pages/s  ETA %s  %d failed",
	    bar, p->done, p->total, t > 0 ? p->pages / t : 0.0, eta, p->failed);
	fflush(stderr);
	p->drawn = now;
}

void
progress_say(struct progress *p, const char *fmt, ...)
{
	va_list ap;
	char *line;

	clear(p);
	va_start(ap, fmt);
	line = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	se_put_line(line);
	g_free(line);
	if (p->tty && p->drawn)
		progress_draw(p, true);
}

void
progress_done(struct progress *p)
{
	clear(p);
	p->tty = false;
}
