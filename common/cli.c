#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "status.h"

/*
 * A diagnostic is one line whatever it quotes: a file named with a
 * newline, or a library's reason in two lines, would make two, and a
 * script reading stderr a line per file would take them for two files.
 */
void
se_put_line(const char *line)
{
	for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
		if (*p == '\n')
			fputs("\\n", stderr);
		else if (*p == '\r')
			fputs("\\r", stderr);
		else if (*p == '\t')
			fputs("\\t", stderr);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

void
se_warnx(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char *msg, *line;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	line = g_strdup_printf("selfeval %s: %s", cmd, msg);
	se_put_line(line);
	g_free(line);
	g_free(msg);
}

int
se_fail(const char *cmd, const char *file, GError *error)
{
	int status = error && error->domain == SE_ERROR ? error->code : SE_FAIL;

	se_warnx(cmd, "%s: %s", file, error ? error->message : "failed");
	g_clear_error(&error);
	return status == SE_OK ? SE_FAIL : status;
}

bool
se_read_input(const char *path, char **data, size_t *len, GError **error)
{
	GError *e = NULL;
	gsize n;

	if (strcmp(path, "-") != 0) {
		if (!g_file_get_contents(path, data, &n, &e)) {
			g_set_error(error, SE_ERROR, SE_IO, "cannot read: %s",
			    e->message);
			g_error_free(e);
			return false;
		}
		*len = n;
		return true;
	}
	GString *s = g_string_new(NULL);
	char buf[65536];
	ssize_t r;
	while ((r = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			g_set_error(error, SE_ERROR, SE_IO, "cannot read: %s",
			    g_strerror(errno));
			g_string_free(s, TRUE);
			return false;
		}
		g_string_append_len(s, buf, r);
	}
	*len = s->len;
	*data = g_string_free(s, FALSE);
	return true;
}

int
se_usage(const char *text, bool asked)
{
	fputs(text, asked ? stdout : stderr);
	return asked ? SE_OK : SE_USAGE;
}

bool
se_write_stdout(const char *buf, size_t len)
{
	return fwrite(buf, 1, len, stdout) == len && fflush(stdout) == 0;
}
